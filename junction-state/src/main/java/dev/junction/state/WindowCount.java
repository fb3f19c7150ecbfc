package dev.junction.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A window's count after an increment.
 *
 * @param total   the count in the current window, this increment included
 * @param resetAt when the window ends and counting starts again from zero
 */
public record WindowCount(long total, Instant resetAt) {
    /** Whole seconds until the window ends, at least 1 (the {@code retry-after} a limited caller gets). */
    public long secondsUntilReset(Instant now) {
        long ms = Duration.between(now, resetAt).toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }
}
