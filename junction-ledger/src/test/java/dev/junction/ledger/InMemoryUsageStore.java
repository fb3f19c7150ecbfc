package dev.junction.ledger;

import dev.junction.ledger.store.UsageStore;
import dev.junction.usage.UsageRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A store with the real one's key rule (first write of a request id wins), kept in a map. */
final class InMemoryUsageStore implements UsageStore {
    final Map<String, UsageRecord> rows = new ConcurrentHashMap<>();
    volatile boolean closed;

    @Override public void writeBatch(List<UsageRecord> records) {
        if (closed) throw new IllegalStateException("closed");
        records.forEach(r -> rows.putIfAbsent(r.requestId(), r));
    }

    @Override public int deleteOlderThan(Instant cutoff, int maxRows) {
        if (closed) throw new IllegalStateException("closed");
        List<String> old = rows.values().stream().filter(r -> r.createdAt().isBefore(cutoff))
                .sorted(Comparator.comparing(UsageRecord::createdAt)).limit(maxRows).map(UsageRecord::requestId).toList();
        old.forEach(rows::remove);
        return old.size();
    }

    @Override public void close() { closed = true; }
}
