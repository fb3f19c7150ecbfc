package dev.junction.simulator.persona;

/**
 * What a persona read from a generation request, and the ids it will use in the reply.
 *
 * @param seq the simulator-wide request number; ids derive from it, so replies are reproducible
 * @param model the model name, echoed back as the provider would
 * @param stream whether a stream was asked for
 * @param includeUsage OpenAI {@code stream_options.include_usage}; ignored by the other personas
 * @param sse whether a stream is framed as server-sent events: always for OpenAI and Anthropic,
 *     only with {@code alt=sse} for Gemini (without it Gemini streams one JSON array)
 * @param inputTokens estimated prompt size: ceil(chars of all message text / 4)
 * @param lastUserText the text of the last user turn, for the default echo reply
 */
public record RequestFacts(long seq, String model, boolean stream, boolean includeUsage, boolean sse,
                           long inputTokens, String lastUserText) {}
