package dev.junction.state;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SharedCounters} for a single replica. Each operation is one {@link ConcurrentHashMap#compute},
 * atomic per key. Expired entries are dropped when next touched and by an occasional sweep, so a
 * long-running process does not keep a window for every caller it ever saw.
 */
public final class InProcessCounters implements SharedCounters {
    private static final int SWEEP_EVERY = 4096;

    private record Entry(double value, Instant expiresAt) {
        boolean live(Instant now) { return now.isBefore(expiresAt); }
    }

    private final InstantSource clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger operations = new AtomicInteger();

    public InProcessCounters(InstantSource clock) { this.clock = clock; }

    @Override
    public WindowCount incrementWindow(String key, long amount, Duration window) {
        Instant now = now();
        Entry e = entries.compute(key, (k, old) -> old == null || !old.live(now)
                ? new Entry(amount, now.plus(window))
                : new Entry(old.value + amount, old.expiresAt));
        return new WindowCount((long) e.value, e.expiresAt);
    }

    @Override
    public double add(String key, double amount, Duration ttl) {
        Instant now = now();
        return entries.compute(key, (k, old) -> old == null || !old.live(now)
                ? new Entry(amount, now.plus(ttl))
                : new Entry(old.value + amount, old.expiresAt)).value;
    }

    @Override
    public double get(String key) {
        Entry e = entries.get(key);
        return e == null || !e.live(clock.instant()) ? 0 : e.value;
    }

    @Override
    public long raiseTo(String key, long value, Duration ttl) {
        Instant now = now();
        return (long) entries.compute(key, (k, old) -> old != null && old.live(now) && old.value >= value
                ? old : new Entry(value, now.plus(ttl))).value;
    }

    @Override public void close() { entries.clear(); }

    private Instant now() {
        Instant now = clock.instant();
        if (operations.incrementAndGet() % SWEEP_EVERY == 0) entries.values().removeIf(e -> !e.live(now));
        return now;
    }
}
