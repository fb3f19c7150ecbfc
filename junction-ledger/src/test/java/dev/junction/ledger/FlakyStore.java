package dev.junction.ledger;

import dev.junction.ledger.store.UsageStore;
import dev.junction.ledger.store.UsageStoreException;
import dev.junction.usage.UsageRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real store with the faults the writer must survive: the next N writes fail, the store
 * is down until brought back, or every write waits at a gate (a slow store).
 */
final class FlakyStore implements UsageStore {
    private final UsageStore delegate;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean down;
    private volatile CountDownLatch gate;
    final AtomicInteger calls = new AtomicInteger();

    FlakyStore(UsageStore delegate) { this.delegate = delegate; }

    FlakyStore failNext(int n) { failuresLeft.set(n); return this; }

    FlakyStore down() { down = true; return this; }

    FlakyStore up() { down = false; return this; }

    /** Every write waits until {@link #open()}. */
    FlakyStore slow() { gate = new CountDownLatch(1); return this; }

    void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    @Override
    public void writeBatch(List<UsageRecord> records) {
        calls.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UsageStoreException("interrupted", e);
            }
        }
        if (down) throw new UsageStoreException("store is down", null);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new UsageStoreException("injected failure", null);
        delegate.writeBatch(records);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int maxRows) {
        if (down) throw new UsageStoreException("store is down", null);
        return delegate.deleteOlderThan(cutoff, maxRows);
    }

    @Override public void close() { delegate.close(); }
}
