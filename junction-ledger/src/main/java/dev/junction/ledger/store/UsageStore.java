package dev.junction.ledger.store;

import dev.junction.usage.UsageRecord;
import java.time.Instant;
import java.util.List;

/**
 * Where usage rows end up. Called by one writer thread ({@code BatchingUsageWriter}), never by a
 * request thread. Implementations make {@link #writeBatch} all or nothing and idempotent on
 * {@code request_id} (and {@code (request_id, ordinal)} for attempts), so a batch that failed part
 * way, or a journal replayed twice, never duplicates a row.
 */
public interface UsageStore extends AutoCloseable {

    /** Writes the rows and their attempts in one transaction; throws {@link UsageStoreException} on failure. */
    void writeBatch(List<UsageRecord> records);

    /**
     * {@link #writeBatch(List)}, told whether the writer is behind (a full batch more waits after
     * this one): a store in the gateway's own process then keeps the CPU until the batch is written
     * rather than giving it up between rows, so rows do not pile up (and age, and cost the collector)
     * while the request threads keep it busy.
     */
    default void writeBatch(List<UsageRecord> records, boolean behind) { writeBatch(records); }

    /**
     * Deletes at most {@code maxRows} of the oldest {@code llm_usage} rows created before {@code cutoff},
     * with their {@code llm_attempt} rows, in one short transaction. Called repeatedly until it returns
     * less than {@code maxRows}, so a large backlog never holds the store for long.
     *
     * @return the {@code llm_usage} rows deleted
     */
    int deleteOlderThan(Instant cutoff, int maxRows);

    /** Releases connections; later writes fail. Idempotent. */
    @Override void close();
}
