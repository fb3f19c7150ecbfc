package dev.junction.bench;

import dev.junction.ledger.store.UsageStore;
import dev.junction.usage.UsageRecord;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A usage store that only counts: the ledger benchmarks measure the request thread's side, not SQL. */
final class DiscardingStore implements UsageStore {
    final LongAdder rows = new LongAdder();

    @Override public void writeBatch(List<UsageRecord> records) { rows.add(records.size()); }

    @Override public int deleteOlderThan(java.time.Instant cutoff, int maxRows) { return 0; }

    @Override public void close() {}
}
