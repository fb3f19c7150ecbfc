package dev.junction;

import dev.junction.model.ChatResult;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import java.util.List;

/**
 * The answer plus everything a caller needs to see what happened: which model served, whether that
 * was a fallback, every attempt (called or skipped), tokens, cost and latency.
 *
 * @param usage   tokens over every attempt that consumed any (normally just the serving one)
 * @param costUsd cost over every attempt; null when a model involved has no known price
 */
public record GenerateResult(String requestId, String task, ChatResult result, ModelId servedModel, boolean fallback,
                             List<Attempt> attempts, Usage usage, Double costUsd, long latencyMs) {
    public GenerateResult { attempts = List.copyOf(attempts); }

    /** The answer's text (empty when the model only called tools). */
    public String text() { return result.message().text(); }

    public String provider() { return servedModel.provider(); }

    /** Upstream calls made (skips excluded), as in {@code X-Junction-Attempts}. */
    public int attemptCount() { return (int) attempts.stream().filter(Attempt::called).count(); }
}
