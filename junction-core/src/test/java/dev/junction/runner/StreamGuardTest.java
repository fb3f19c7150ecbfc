package dev.junction.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.StreamEvent;
import dev.junction.provider.ProviderStream;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamGuardTest {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    { timer.setRemoveOnCancelPolicy(true); }

    @AfterEach void stop() { timer.shutdownNow(); }

    @Test
    void disarm_beforeTheDeadline_releasesTheStreamAtOnce() {
        StreamGuard guard = StreamGuard.arm(new IdleStream(), timer, TimeUnit.MINUTES.toNanos(1));
        assertThat(timer.getQueue()).hasSize(1);

        guard.disarm();

        // nothing left that keeps the stream (and its buffers) reachable for the next minute
        assertThat(timer.getQueue()).isEmpty();
        assertThat(guard.fired()).isFalse();
    }

    @Test
    void deadline_passes_closesTheStream() throws InterruptedException {
        IdleStream stream = new IdleStream();
        StreamGuard guard = StreamGuard.arm(stream, timer, TimeUnit.MILLISECONDS.toNanos(1));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stream.closed && System.nanoTime() < deadline) Thread.sleep(1);

        assertThat(stream.closed).isTrue();
        assertThat(guard.fired()).isTrue();
    }

    /** A stream that never produces anything; records whether it was closed. */
    private static final class IdleStream implements ProviderStream {
        volatile boolean closed;

        @Override public boolean hasNext() { return false; }

        @Override public StreamEvent next() { throw new java.util.NoSuchElementException(); }

        @Override public void close() { closed = true; }
    }
}
