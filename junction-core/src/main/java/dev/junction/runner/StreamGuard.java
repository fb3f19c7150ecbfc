package dev.junction.runner;

import dev.junction.provider.ProviderStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a silent upstream never hangs a caller: closes the stream when its deadline passes. The
 * deadline starts as the attempt's time to first content, and once content flows each event pushes it
 * to now + the route's idle timeout. Closing the upstream makes the blocked {@code next()} fail; the
 * owner then asks {@link #fired()} to tell a timeout from any other failure.
 */
final class StreamGuard implements Runnable {
    private final ProviderStream stream;
    private final ScheduledExecutorService timer;
    private volatile long deadlineNanos;
    private volatile boolean fired;
    private volatile boolean done;
    /** The pending check; cancelled on disarm so the timer does not hold the stream until the deadline. */
    private volatile ScheduledFuture<?> check;

    private StreamGuard(ProviderStream stream, ScheduledExecutorService timer, long deadlineNanos) {
        this.stream = stream;
        this.timer = timer;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Starts watching. Give it a timer that removes cancelled tasks
     * ({@code ScheduledThreadPoolExecutor.setRemoveOnCancelPolicy(true)}): a guard is usually disarmed
     * long before its deadline, and a task left in the queue keeps the stream and its buffers
     * reachable until then.
     */
    static StreamGuard arm(ProviderStream stream, ScheduledExecutorService timer, long timeoutNanos) {
        StreamGuard g = new StreamGuard(stream, timer, System.nanoTime() + timeoutNanos);
        g.check = timer.schedule(g, timeoutNanos, TimeUnit.NANOSECONDS);
        return g;
    }

    /** Progress: the stream may now stay silent for {@code idleNanos}. */
    void extend(long idleNanos) { deadlineNanos = System.nanoTime() + idleNanos; }

    boolean fired() { return fired; }

    /** The stream ended or was closed: stop watching. */
    void disarm() {
        done = true;
        ScheduledFuture<?> pending = check;
        if (pending != null) pending.cancel(false);
    }

    @Override public void run() {
        if (done) return;
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            check = timer.schedule(this, left, TimeUnit.NANOSECONDS);
            if (done) check.cancel(false); // disarmed while rescheduling
            return;
        }
        fired = true;
        stream.close();
    }
}
