package dev.junction.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, so no test sleeps. */
public final class FakeClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public FakeClock() { this(Instant.parse("2026-11-26T12:00:00Z")); }

    public FakeClock(Instant start) { this.now = new AtomicReference<>(start); }

    @Override public Instant instant() { return now.get(); }

    public void advance(Duration d) { now.updateAndGet(t -> t.plus(d)); }

    public void advanceMillis(long ms) { advance(Duration.ofMillis(ms)); }
}
