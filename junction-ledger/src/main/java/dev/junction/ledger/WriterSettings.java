package dev.junction.ledger;

import java.time.Duration;

/**
 * How {@link BatchingUsageWriter} batches, waits and retries; the defaults are named constants.
 *
 * @param queueCapacity  rows held in memory before overflowing to the journal
 * @param maxBatch       rows per store transaction
 * @param flushInterval  the longest a row waits on the queue when traffic is low
 * @param initialBackoff first wait after a failed write; doubles up to {@code maxBackoff}
 * @param closeTimeout   how long {@link BatchingUsageWriter#close} keeps retrying a failing store without a journal
 */
public record WriterSettings(int queueCapacity, int maxBatch, Duration flushInterval, Duration initialBackoff,
                             Duration maxBackoff, Duration closeTimeout) {
    public static final int QUEUE_CAPACITY = 65_536;
    // a commit rewrites the partly filled pages of each table and index, so larger batches cost SQLite
    // less per row; but a row waits for its batch to fill, and rows that outlive a young collection are
    // copied. Writer plus GC CPU per request at 20k rows/s: 500 rows 9.1-9.5 us, 1,000 8.1-8.7, 2,000 8.7-8.9
    public static final int MAX_BATCH = 1_000;
    // long enough that batches are full (1,000 rows) from 20,000 rows a second, where the writer's cost
    // per row matters; short enough that at lower rates the writer works in short bursts (a batch of
    // 1,000 rows is ~6 ms of CPU on a core the request threads need)
    public static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    public static WriterSettings defaults() {
        return new WriterSettings(QUEUE_CAPACITY, MAX_BATCH, FLUSH_INTERVAL, INITIAL_BACKOFF, MAX_BACKOFF, CLOSE_TIMEOUT);
    }
}
