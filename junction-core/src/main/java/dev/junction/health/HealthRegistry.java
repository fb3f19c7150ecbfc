package dev.junction.health;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.route.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-request health, consulted before every call: a circuit breaker and rate-limit cool-down per
 * model ({@link ModelHealth}), and a cool-down per provider key after an authentication or quota
 * failure (every request on that key would fail the same way). Misconfigurations are logged loudly
 * once per cool-down, never with the key.
 */
public final class HealthRegistry {
    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    private final InstantSource clock;
    private final Duration credentialCooldown;
    private final HealthPolicy defaults;
    private final Map<ModelId, HealthPolicy> overrides;
    private final Map<ModelId, ModelHealth> models = new ConcurrentHashMap<>();
    private final Map<String, Instant> credentialsFailedUntil = new ConcurrentHashMap<>();

    public HealthRegistry(InstantSource clock, Duration credentialCooldown) {
        this(clock, credentialCooldown, HealthPolicy.DEFAULTS, Map.of());
    }

    public HealthRegistry(InstantSource clock, Duration credentialCooldown, HealthPolicy defaults, Map<ModelId, HealthPolicy> overrides) {
        this.clock = clock;
        this.credentialCooldown = credentialCooldown;
        this.defaults = defaults;
        this.overrides = Map.copyOf(overrides);
    }

    public ModelHealth model(ModelId id) {
        return models.computeIfAbsent(id, k -> new ModelHealth(clock, overrides.getOrDefault(k, defaults)));
    }

    /** Asks to call {@code id} now (a half-open circuit lets one caller through). */
    public ModelHealth.Permit acquire(ModelId id) { return model(id).acquire(); }

    public void succeeded(ModelId id) { model(id).onSuccess(); }

    /** Feeds a classified failure to the model's (or its provider key's) health. */
    public void failed(ModelId id, Failure failure) {
        ModelHealth h = model(id);
        switch (failure.effectiveClass()) {
            case OVERLOADED, TIMEOUT, CONNECTION, SERVER_ERROR -> h.onFailure();
            case RATE_LIMITED -> h.coolDown(failure.retryAfter());
            case AUTHENTICATION, QUOTA_EXHAUSTED -> {
                h.onNeutral();
                credentialsFailed(id.provider(), failure.errorClass().wireName(), failure.message());
            }
            case MODEL_NOT_FOUND -> {
                h.onNeutral();
                log.warn("provider '{}' does not know model '{}': check the route's model ids", id.provider(), id.name());
            }
            default -> h.onNeutral();
        }
    }

    /** The call was abandoned (caller left, refusal discarded): it says nothing about the model. */
    public void abandoned(ModelId id) { model(id).onNeutral(); }

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

    /** One model's state as the admin API and explain show it. */
    public record ModelView(ModelId model, BreakerState state, Instant openUntil, Instant cooldownUntil) {}

    public ModelView view(ModelId id) {
        ModelHealth h = models.get(id);
        if (h == null) return new ModelView(id, BreakerState.CLOSED, null, null);
        return new ModelView(id, h.state(), h.openUntil(), h.cooldownUntil());
    }

    /** Every model that has been called, sorted by id. */
    public List<ModelView> views() {
        List<ModelView> out = new ArrayList<>();
        for (ModelId id : models.keySet().stream().sorted().toList()) out.add(view(id));
        return out;
    }

    /** Whether {@code error} feeds the breaker (for tests and docs). */
    static boolean countsAgainstModel(ErrorClass error) {
        return switch (error) {
            case OVERLOADED, TIMEOUT, CONNECTION, SERVER_ERROR -> true;
            default -> false;
        };
    }
}
