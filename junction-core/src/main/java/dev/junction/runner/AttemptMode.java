package dev.junction.runner;

import dev.junction.error.Failure;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.route.Plan;

/**
 * How one candidate is called and what success means: a complete answer ({@link CompleteMode}) or a
 * stream that has produced its first content event ({@link StreamMode}). The fallback loop is the same
 * for both; only these three steps differ.
 *
 * @param <T> what a successful call produced
 * @param <R> what the caller gets
 */
interface AttemptMode<T, R> {

    /** Calls the candidate; throws {@link dev.junction.error.ProviderException} for every failure. */
    T call(ProviderAdapter adapter, ProviderCall call);

    /** A successful call that is still a refusal the route may fall back on; else null. */
    Failure refusal(T outcome);

    /** Gives up on an outcome that will not be used (a refusal the runner falls back from); returns the tokens it consumed. */
    dev.junction.model.Usage discard(T outcome);

    /** Records the success and builds the caller's result. */
    R succeed(T outcome, Attempted attempted, RunLog log, Deadline deadline);

    /** The call that succeeded: its number, model and timing. */
    record Attempted(int ordinal, Plan.Candidate candidate, long startedNanos) {}
}
