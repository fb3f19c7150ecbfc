package dev.junction.simulator;

import dev.junction.simulator.fault.Fault;
import java.time.Duration;
import java.util.Objects;

/**
 * What the simulator does with one request: an answer (echo, text, tool call or refusal), the token
 * counts to report, an optional {@link Fault}, and an optional delay before anything is written.
 *
 * <p>An {@link Fault.ErrorKind} or {@link Fault.Raw} replaces the answer. The transport faults
 * (cut, stalled, malformed, slow streams) deliver the answer, damaged as the fault says, so
 * {@code Step.ok("one two three").withFault(Fault.dropAfterEvents(2))} cuts that text's stream.
 *
 * @param answer what the model "says"
 * @param usage token counts to report; {@code null} means estimated (input: ceil(chars of all
 *     message text / 4), output: ceil(chars of the answer / 4))
 * @param fault the misbehaviour, or {@code null} for a clean reply
 * @param delay wait before the response headers (zero for none); unlike {@link Fault.Delay} it
 *     combines with any fault, e.g. a slow 503
 */
public record Step(Answer answer, Usage usage, Fault fault, Duration delay) {

    public Step {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) throw new IllegalArgumentException("negative delay: " + delay);
    }

    /** What the model says on a 200. */
    public sealed interface Answer {}

    /** The default reply: "Simulated reply from MODEL: " and the first words of the last user message. */
    public record Echo() implements Answer {}

    /** Exactly this text. */
    public record Text(String text) implements Answer {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One call of the named tool; {@code argumentsJson} is sent as OpenAI's arguments string, and
     * parsed into Anthropic's {@code input} / Gemini's {@code args} object ({@code {}} if it is not
     * a JSON object, so a test can still send invalid arguments to an OpenAI adapter).
     */
    public record ToolCall(String name, String argumentsJson) implements Answer {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /**
     * The provider's native refusal on a 200: OpenAI {@code finish_reason: content_filter},
     * Anthropic {@code stop_reason: refusal}, Gemini {@code finishReason: SAFETY}.
     */
    public record Refusal() implements Answer {}

    /** Token counts as the provider reports them (input excludes nothing: no cache is simulated). */
    public record Usage(long inputTokens, long outputTokens) {
        public Usage {
            if (inputTokens < 0 || outputTokens < 0) throw new IllegalArgumentException("negative token count");
        }
    }

    /** The default reply (see {@link Echo}). */
    public static Step ok() { return new Step(new Echo(), null, null, Duration.ZERO); }

    /** A 200 with exactly this text. */
    public static Step ok(String text) { return new Step(new Text(text), null, null, Duration.ZERO); }

    /** A 200 with one call of {@code name}; see {@link ToolCall}. */
    public static Step toolCall(String name, String argumentsJson) {
        return new Step(new ToolCall(name, argumentsJson), null, null, Duration.ZERO);
    }

    /** A 200 refusal; see {@link Refusal}. */
    public static Step refusal() { return new Step(new Refusal(), null, null, Duration.ZERO); }

    /** The default reply, damaged or replaced as {@code fault} says. */
    public static Step fault(Fault fault) {
        return new Step(new Echo(), null, Objects.requireNonNull(fault, "fault"), Duration.ZERO);
    }

    /** The default reply reporting exactly these token counts. */
    public static Step usage(long inputTokens, long outputTokens) {
        return ok().withUsage(inputTokens, outputTokens);
    }

    /** This step, reporting exactly these token counts. */
    public Step withUsage(long inputTokens, long outputTokens) {
        return new Step(answer, new Usage(inputTokens, outputTokens), fault, delay);
    }

    /** This step's answer, damaged or replaced as {@code fault} says. */
    public Step withFault(Fault fault) {
        return new Step(answer, usage, Objects.requireNonNull(fault, "fault"), delay);
    }

    /** This step, after waiting {@code delay} before the response headers. */
    public Step withDelay(Duration delay) {
        return new Step(answer, usage, fault, delay);
    }
}
