package dev.junction.runner;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Wait before a same-model retry: exponential with full jitter (a uniform draw in [0, base * 2^n],
 * capped), unless the provider said how long to wait, in which case its hint is used as given.
 */
public final class Backoff {
    static final Duration BASE = Duration.ofMillis(250);
    static final Duration CAP = Duration.ofSeconds(8);

    private final RandomGenerator random;

    public Backoff(RandomGenerator random) { this.random = random; }

    public Duration delay(int retryNumber, Duration retryAfter) {
        if (retryAfter != null) return retryAfter;
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(retryNumber, 16));
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
