package dev.junction.ledger;

import dev.junction.ledger.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage rows older than {@code usage.retentionDays}: once when the writer starts, then every
 * {@link #INTERVAL}. It runs on the writer's thread, one batch of at most {@code batchRows} rows per
 * call between the writer's own batches, so deletes never compete with inserts for SQLite's single
 * connection, no transaction holds the store for long, and a large backlog is worked off a batch at
 * a time while new rows keep flowing in between.
 */
public final class RetentionSweep {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    public static final Duration INTERVAL = Duration.ofHours(6);
    public static final int BATCH_ROWS = 5_000;
    /** After a failed delete (the store is down), the next try; the sweep is never urgent. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

    private final Duration keep;
    private final Duration interval;
    private final int batchRows;
    private final InstantSource clock;
    private Instant nextRun;
    private long deletedThisSweep;

    public RetentionSweep(Duration keep, Duration interval, int batchRows, InstantSource clock) {
        if (keep.isNegative() || keep.isZero()) throw new IllegalArgumentException("retention must be positive: " + keep);
        this.keep = keep;
        this.interval = interval;
        this.batchRows = batchRows;
        this.clock = clock;
        this.nextRun = clock.instant(); // due at once: the first sweep runs when the writer starts
    }

    /** {@code usage.retentionDays} on the system clock, with the default interval and batch size. */
    public static RetentionSweep ofDays(int retentionDays) {
        return new RetentionSweep(Duration.ofDays(retentionDays), INTERVAL, BATCH_ROWS, InstantSource.system());
    }

    /** When the next batch will run (now, while a sweep is under way). */
    public Instant nextRun() { return nextRun; }

    /**
     * Deletes one batch when a sweep is due. A full batch keeps the sweep due, so the next call
     * continues it; a partial batch ends it until {@link #INTERVAL} from now. Never throws.
     */
    public void runIfDue(UsageStore store) {
        Instant now = clock.instant();
        if (now.isBefore(nextRun)) return;
        Instant cutoff = now.minus(keep);
        try {
            int deleted = store.deleteOlderThan(cutoff, batchRows);
            deletedThisSweep += deleted;
            if (deleted >= batchRows) return; // more to do: continue after the writer's next batch
            if (deletedThisSweep > 0) {
                log.info("usage retention: deleted {} usage rows created before {}", deletedThisSweep, cutoff);
            }
            deletedThisSweep = 0;
            nextRun = now.plus(interval);
        } catch (RuntimeException e) {
            log.warn("usage retention sweep failed, next try in {}: {}", RETRY_AFTER_FAILURE, e.getMessage());
            nextRun = now.plus(RETRY_AFTER_FAILURE);
        }
    }
}
