package dev.junction.runner;

import dev.junction.config.ConfigDefaults;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The route's latency budget across every attempt of one request ({@code maxLatencyMs}), on an
 * injected clock. A route without a budget never expires; its attempts use per-model timeouts.
 */
public final class Deadline {
    private final InstantSource clock;
    private final Instant start;
    private final Instant end; // null: no route budget

    private Deadline(InstantSource clock, Instant start, Instant end) {
        this.clock = clock;
        this.start = start;
        this.end = end;
    }

    public static Deadline start(InstantSource clock, Integer budgetMs) {
        Instant now = clock.instant();
        return new Deadline(clock, now, budgetMs == null ? null : now.plusMillis(budgetMs));
    }

    public boolean bounded() { return end != null; }

    /** Time left; {@code Duration.ZERO} when spent; a very long duration when unbounded. */
    public Duration remaining() {
        if (end == null) return ChronoUnitMax.VALUE;
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() { return end != null && !clock.instant().isBefore(end); }

    public long elapsedMs() { return Duration.between(start, clock.instant()).toMillis(); }

    /**
     * The time one attempt may take (interface.md, "Attempt timeouts inside the budget"): the model's
     * own {@code timeoutMs} when set (capped by what is left), else an equal share of what is left
     * among the candidates still to try (itself included; the last gets it all), else 60 s.
     */
    public Duration attemptTimeout(Integer modelTimeoutMs, int candidatesLeft) {
        Duration modelCap = modelTimeoutMs != null ? Duration.ofMillis(modelTimeoutMs) : null;
        if (end == null) return modelCap != null ? modelCap : ConfigDefaults.ATTEMPT_TIMEOUT;
        Duration left = remaining();
        if (modelCap != null) return modelCap.compareTo(left) < 0 ? modelCap : left;
        return candidatesLeft <= 1 ? left : left.dividedBy(candidatesLeft);
    }

    private static final class ChronoUnitMax {
        static final Duration VALUE = Duration.ofDays(365);
    }
}
