package dev.junction.model;

/**
 * Token counts with OpenAI's meanings: {@code inputTokens} is all input, cache reads included
 * ({@code cachedInputTokens} of them); {@code outputTokens} is all output, reasoning included
 * ({@code reasoningTokens} of them).
 */
public record Usage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public Usage(long inputTokens, long outputTokens) { this(inputTokens, 0, outputTokens, 0); }

    public long totalTokens() { return inputTokens + outputTokens; }

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens,
                outputTokens + o.outputTokens, reasoningTokens + o.reasoningTokens);
    }
}
