package dev.junction.health;

import java.time.Duration;

/**
 * The thresholds of a model's health (interface.md, "Health defaults"): a breaker opens after
 * {@code failureThreshold} fallback-safe failures within {@code window}, stays open a fixed
 * {@code openFor}, then lets one probe through; a 429 cools the model down for its {@code retry-after},
 * else {@code rateLimitCooldown}.
 */
public record HealthPolicy(int failureThreshold, Duration window, Duration openFor, Duration rateLimitCooldown) {
    public static final int FAILURE_THRESHOLD = 5;
    public static final Duration WINDOW = Duration.ofSeconds(30);
    public static final Duration OPEN_FOR = Duration.ofSeconds(10);
    public static final Duration RATE_LIMIT_COOLDOWN = Duration.ofSeconds(5);

    public static final HealthPolicy DEFAULTS = new HealthPolicy(FAILURE_THRESHOLD, WINDOW, OPEN_FOR, RATE_LIMIT_COOLDOWN);
}
