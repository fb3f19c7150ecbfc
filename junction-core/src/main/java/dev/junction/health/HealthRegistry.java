package dev.junction.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-request health, read by the planner before any call. Today it holds credential cool-downs: a
 * provider key that failed authentication or quota is left alone for a while, because every request
 * on it would fail the same way. The misconfiguration is logged loudly once per cool-down, never with
 * the key.
 */
public final class HealthRegistry {
    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    private final InstantSource clock;
    private final Duration credentialCooldown;
    private final Map<String, Instant> credentialsFailedUntil = new ConcurrentHashMap<>();

    public HealthRegistry(InstantSource clock, Duration credentialCooldown) {
        this.clock = clock;
        this.credentialCooldown = credentialCooldown;
    }

    /** True while the provider's credentials are cooling down after an auth or quota failure. */
    public boolean credentialsCoolingDown(String provider) {
        Instant until = credentialsFailedUntil.get(provider);
        return until != null && clock.instant().isBefore(until);
    }

    public Instant credentialsCoolingUntil(String provider) { return credentialsFailedUntil.get(provider); }

    /** Records an auth/quota failure; logs it loudly the first time in each cool-down period. */
    public void credentialsFailed(String provider, String errorClass, String message) {
        Instant now = clock.instant();
        Instant previous = credentialsFailedUntil.put(provider, now.plus(credentialCooldown));
        if (previous == null || !now.isBefore(previous)) {
            log.error("provider '{}' rejected its credentials ({}: {}); its models are skipped for {}s. Check the provider's apiKey and billing.",
                    provider, errorClass, message, credentialCooldown.toSeconds());
        }
    }
}
