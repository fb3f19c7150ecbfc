package dev.junction.runner;

import dev.junction.model.Usage;
import dev.junction.route.ModelId;

/**
 * One candidate of one request: called or skipped. Skips have ordinal numbers too, so the
 * {@code llm_attempt} rows read in the order the runner went through the list.
 *
 * @param httpStatus upstream status, 0 when there was none
 * @param ttftMs     time to first content event for streams, else null
 * @param usage      tokens the attempt consumed (zero when unknown or skipped)
 * @param costUsd    cost of those tokens, null when the model has no price
 */
public record Attempt(int ordinal, ModelId model, Outcome outcome, int httpStatus, long latencyMs, Long ttftMs,
                      Usage usage, Double costUsd) {

    public String provider() { return model.provider(); }

    /** True when an upstream call was made (skips are not attempts in {@code X-Junction-Attempts}). */
    public boolean called() { return !(outcome instanceof Outcome.Skipped); }

    public static Attempt skipped(int ordinal, ModelId model, SkipReason reason) {
        return new Attempt(ordinal, model, new Outcome.Skipped(reason), 0, 0, null, Usage.ZERO, null);
    }
}
