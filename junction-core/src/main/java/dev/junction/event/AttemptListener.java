package dev.junction.event;

import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.usage.UsageRecord;

/**
 * Observes one request's way through the candidates, in this order: {@code requestStart}, then for each
 * candidate either {@code candidateSkipped} or {@code attemptStart} [{@code firstToken}] {@code attemptEnd},
 * then {@code requestEnd} exactly once. Called on the request's thread; implementations must be quick
 * and must not throw (the ledger and metrics subscribe here; the runner never calls them directly).
 */
public interface AttemptListener {
    default void requestStart(RequestInfo request) {}

    default void candidateSkipped(RequestInfo request, Attempt skipped) {}

    default void attemptStart(RequestInfo request, int ordinal, ModelId model) {}

    default void firstToken(RequestInfo request, int ordinal, long ttftMs) {}

    default void attemptEnd(RequestInfo request, Attempt attempt) {}

    /** The request is over: the one usage row, with every attempt. */
    default void requestEnd(RequestInfo request, UsageRecord record) {}

    AttemptListener NOOP = new AttemptListener() {};

    /** Calls each listener in order; one that throws does not stop the others. */
    static AttemptListener composite(java.util.List<AttemptListener> listeners) {
        return new CompositeListener(java.util.List.copyOf(listeners));
    }
}
