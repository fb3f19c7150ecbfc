package dev.junction.runner;

import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.route.Plan;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * One call of a hedged pair, running on its own virtual thread. When it ends, successfully or not, it
 * puts itself on the race's queue; the request thread takes legs off in the order they finished.
 * {@link #cancel()} interrupts the call, which closes its upstream connection at once.
 */
final class HedgeLeg<T> {
    final int ordinal;
    final Plan.Candidate candidate;
    final long startedNanos;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final Thread thread;

    private HedgeLeg(int ordinal, Plan.Candidate candidate, AttemptMode<T, ?> mode, ProviderAdapter adapter, ProviderCall call,
                     BlockingQueue<HedgeLeg<T>> finished) {
        this.ordinal = ordinal;
        this.candidate = candidate;
        this.startedNanos = System.nanoTime();
        this.thread = Thread.ofVirtual().name("junction-hedge-" + ordinal).start(() -> {
            try {
                outcome.complete(mode.call(adapter, call));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
            finished.add(this);
        });
    }

    static <T> HedgeLeg<T> start(int ordinal, Plan.Candidate candidate, AttemptMode<T, ?> mode, ProviderAdapter adapter,
                                 ProviderCall call, BlockingQueue<HedgeLeg<T>> finished) {
        return new HedgeLeg<>(ordinal, candidate, mode, adapter, call, finished);
    }

    /** The call's result; only valid once the leg is on the finished queue. */
    T result() { return outcome.isCompletedExceptionally() ? null : outcome.getNow(null); }

    /** The call's exception, or null when it succeeded; only valid once finished. */
    RuntimeException error() {
        if (!outcome.isCompletedExceptionally()) return null;
        try {
            outcome.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    void cancel() { thread.interrupt(); }

    long elapsedMs() { return (System.nanoTime() - startedNanos) / 1_000_000; }
}
