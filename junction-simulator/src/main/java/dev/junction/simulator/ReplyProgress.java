package dev.junction.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the response to one request went, updated by the connection's thread while tests read it.
 * Exactly one of the two outcomes can happen: the response completed, or the client left first.
 * A response the simulator cut on purpose (reset, drop) has neither.
 */
public final class ReplyProgress {

    private final CountDownLatch disconnected = new CountDownLatch(1);
    private final CountDownLatch completed = new CountDownLatch(1);

    public boolean clientDisconnected() {
        return disconnected.getCount() == 0;
    }

    public boolean completed() {
        return completed.getCount() == 0;
    }

    public boolean awaitClientDisconnected(Duration timeout) throws InterruptedException {
        return disconnected.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean awaitCompleted(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void markClientDisconnected() {
        if (!completed()) disconnected.countDown();
    }

    void markCompleted() {
        if (!clientDisconnected()) completed.countDown();
    }
}
