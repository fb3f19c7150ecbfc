package dev.junction.health;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;

/**
 * One model's circuit breaker and rate-limit cool-down, as a small state machine on an injected clock.
 *
 * <pre>
 *   CLOSED    --[failureThreshold failures within window]--> OPEN
 *   OPEN      --[openFor elapsed, next permit asked]-------> HALF_OPEN (that caller is the probe)
 *   HALF_OPEN --[probe succeeded]--------------------------> CLOSED
 *   HALF_OPEN --[probe failed]-----------------------------> OPEN (for another openFor: it does not grow)
 *   HALF_OPEN --[probe abandoned]--------------------------> HALF_OPEN (the next caller may probe)
 * </pre>
 *
 * Only transient provider failures count (overloaded, timeout, connection, server error): they say
 * the model is unwell. A rate limit instead cools the model down until the provider's wait is over;
 * the caller's own mistakes and credential failures say nothing about the model. Thread-safe: every
 * method holds the instance lock for a few field updates.
 */
public final class ModelHealth {
    private final InstantSource clock;
    private final HealthPolicy policy;
    private final ArrayDeque<Instant> failures = new ArrayDeque<>();
    private BreakerState state = BreakerState.CLOSED;
    private Instant openedAt;
    private boolean probeInFlight;
    private Instant cooldownUntil;

    public ModelHealth(InstantSource clock, HealthPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /** What a caller about to call this model gets. */
    public enum Permit { ALLOWED, CIRCUIT_OPEN, COOLING_DOWN }

    /** Asks to call the model now; in half-open state only one caller at a time is let through. */
    public synchronized Permit acquire() {
        Instant now = clock.instant();
        if (cooldownUntil != null && now.isBefore(cooldownUntil)) return Permit.COOLING_DOWN;
        return switch (refresh(now)) {
            case CLOSED -> Permit.ALLOWED;
            case OPEN -> Permit.CIRCUIT_OPEN;
            case HALF_OPEN -> {
                if (probeInFlight) yield Permit.CIRCUIT_OPEN;
                probeInFlight = true;
                yield Permit.ALLOWED;
            }
        };
    }

    public synchronized void onSuccess() {
        if (state == BreakerState.HALF_OPEN) {
            state = BreakerState.CLOSED;
            failures.clear();
        }
        probeInFlight = false;
    }

    /** A transient failure: counts toward opening (or re-opens a failed probe). */
    public synchronized void onFailure() {
        Instant now = clock.instant();
        probeInFlight = false;
        if (refresh(now) == BreakerState.HALF_OPEN) {
            open(now);
            return;
        }
        failures.addLast(now);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(policy.window()))) failures.removeFirst();
        if (state == BreakerState.CLOSED && failures.size() >= policy.failureThreshold()) open(now);
    }

    /** The call ended without saying anything about the model (caller's mistake, cancelled): free the probe slot. */
    public synchronized void onNeutral() { probeInFlight = false; }

    /** The provider asked to wait: skip this model until then. */
    public synchronized void coolDown(java.time.Duration wait) {
        probeInFlight = false;
        Instant until = clock.instant().plus(wait == null ? policy.rateLimitCooldown() : wait);
        if (cooldownUntil == null || until.isAfter(cooldownUntil)) cooldownUntil = until;
    }

    public synchronized BreakerState state() { return refresh(clock.instant()); }

    /** The end of the current cool-down, or null when none is running. */
    public synchronized Instant cooldownUntil() {
        return cooldownUntil != null && clock.instant().isBefore(cooldownUntil) ? cooldownUntil : null;
    }

    /** When an open circuit lets its next probe through, or null when not open. */
    public synchronized Instant openUntil() {
        return refresh(clock.instant()) == BreakerState.OPEN ? openedAt.plus(policy.openFor()) : null;
    }

    private void open(Instant now) {
        state = BreakerState.OPEN;
        openedAt = now;
        failures.clear();
    }

    /** OPEN turns HALF_OPEN once its time is up: the state is a function of the clock too. */
    private BreakerState refresh(Instant now) {
        if (state == BreakerState.OPEN && !now.isBefore(openedAt.plus(policy.openFor()))) {
            state = BreakerState.HALF_OPEN;
            probeInFlight = false;
        }
        return state;
    }
}
