/**
 * Junction's provider simulator: OpenAI, Azure OpenAI, Anthropic and Gemini on one loopback port, with named
 * faults, for adapter contract tests, gateway tests and {@code ./junction demo}.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start()) {
 *     sim.script("gpt-4.1-mini",
 *             Step.fault(Fault.rateLimited(Duration.ofSeconds(1))),              // 429 + retry-after
 *             Step.ok("Hello").withFault(Fault.dropAfterEvents(2)));            // stream cut after 2 events
 *     sim.scriptAlways("claude-sonnet-4-5", Step.fault(Fault.overloaded()));    // 529 every time
 *     // point an adapter at sim.openAiBaseUrl() / azureBaseUrl() / anthropicBaseUrl() / geminiBaseUrl()
 *     SeenRequest first = sim.requestsFor("gpt-4.1-mini").getFirst();            // what the adapter sent
 * }
 * }</pre>
 *
 * <p>Without a script every request gets the default reply: "Simulated reply from MODEL: " and the
 * first eight words of the last user message, finish "stop", usage estimated as ceil(chars / 4)
 * for the prompt (all message text, system included) and for the reply. Streams send one event
 * per word. A key of exactly {@code bad-key} gets the persona's native authentication error.
 *
 * <p>Stream events, as the faults count them ({@code n} in {@code dropAfterEvents(n)} etc.):
 * <ul>
 *   <li>OpenAI: role chunk, one chunk per word, finish chunk, [usage chunk when
 *       {@code include_usage}], {@code [DONE]} (terminal); Azure sends its prompt-filter chunk first;
 *   <li>Anthropic: {@code message_start}, {@code content_block_start}, {@code ping}, one
 *       {@code content_block_delta} per word, {@code content_block_stop}, {@code message_delta},
 *       {@code message_stop} (terminal);
 *   <li>Gemini: one chunk per word; the last one carries {@code finishReason} (terminal).
 * </ul>
 */
package dev.junction.simulator;
