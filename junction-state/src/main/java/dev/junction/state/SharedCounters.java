package dev.junction.state;

import dev.junction.config.StateConfig;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Counters that every gateway replica sees alike: in this process, or in Redis when {@code state:} is
 * configured. Each call is one atomic step on the store (a Lua script in Redis), so two replicas
 * counting the same request window never lose an increment to a read-modify-write race.
 *
 * <p>Three shapes cover what replicas must agree on:
 * <ul>
 *   <li>{@link #incrementWindow}: a count over a window opened by its first increment (requests and
 *       tokens per minute; a breaker's failures within its 30 s window; a half-open breaker's single
 *       probe is the caller that sees a total of 1 in the probe's window);</li>
 *   <li>{@link #add} / {@link #get}: a running decimal total that expires (spend per day and month);</li>
 *   <li>{@link #raiseTo}: a value that only moves up until it expires (an open breaker's or a
 *       cooled-down model's "until" time, which any replica may extend and none may shorten).</li>
 * </ul>
 *
 * <p>Callers are request threads (virtual threads); calls block for one round trip at most. A store
 * that cannot be reached throws {@link StateUnavailableException}; callers decide whether to fail open.
 */
public interface SharedCounters extends AutoCloseable {

    /**
     * Adds {@code amount} to the window at {@code key}; a key without a live window opens one of length
     * {@code window} now. An amount of 0 reads the window (opening it when absent).
     */
    WindowCount incrementWindow(String key, long amount, Duration window);

    /** Adds {@code amount} to the total at {@code key}, which expires {@code ttl} after its first add; returns the new total. */
    double add(String key, double amount, Duration ttl);

    /** The total at {@code key}, 0 when absent or expired. */
    double get(String key);

    /** Stores {@code value} at {@code key} unless a larger one is live there; returns the value now stored. */
    long raiseTo(String key, long value, Duration ttl);

    /** Releases connections; later calls fail. */
    @Override void close();

    /** Counters for a config: Redis when {@code state} is set, else this process only. */
    static SharedCounters open(StateConfig state, InstantSource clock) {
        return state == null ? new InProcessCounters(clock) : RedisCounters.connect(state, clock);
    }
}
