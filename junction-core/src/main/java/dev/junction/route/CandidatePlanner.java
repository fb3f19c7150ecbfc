package dev.junction.route;

import dev.junction.catalog.Capability;
import dev.junction.catalog.ModelCatalog;
import dev.junction.catalog.ModelInfo;
import dev.junction.config.ProviderConfig;
import dev.junction.health.HealthRegistry;
import dev.junction.model.ChatRequest;
import dev.junction.runner.SkipReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Orders a route's models for one request and leaves out, before any call, those that cannot serve
 * it: a window too small for the prompt plus its output, a capability the request needs, an open circuit,
 * a rate-limit cool-down, credentials cooling down after an auth or quota failure.
 */
public final class CandidatePlanner {
    private final Map<String, ProviderConfig> providers;
    private final ModelCatalog catalog;
    private final HealthRegistry health;
    private final RandomGenerator random;
    private final java.util.List<TokenCounter> counters;

    public CandidatePlanner(Map<String, ProviderConfig> providers, ModelCatalog catalog, HealthRegistry health,
                            RandomGenerator random) {
        this(providers, catalog, health, random, java.util.List.of());
    }

    public CandidatePlanner(Map<String, ProviderConfig> providers, ModelCatalog catalog, HealthRegistry health,
                            RandomGenerator random, java.util.List<TokenCounter> counters) {
        this.providers = providers;
        this.catalog = catalog;
        this.health = health;
        this.random = random;
        this.counters = java.util.List.copyOf(counters);
    }

    public Plan plan(Route route, ChatRequest request, String customerId) {
        return plan(route, request, customerId, null);
    }

    /** As {@link #plan(Route, ChatRequest, String)}, with the input size given instead of counted (explain). */
    public Plan plan(Route route, ChatRequest request, String customerId, Long givenInputTokens) {
        long inputTokens = givenInputTokens != null ? givenInputTokens : InputTokens.estimate(request);
        List<Plan.Entry> entries = new ArrayList<>();
        long output = request.maxOutputTokens() == null ? 0 : request.maxOutputTokens();
        for (ModelId id : route.order(roll(route, customerId))) {
            ModelInfo info = catalog.lookup(id);
            // The estimate decides unless it comes near a limit; then the model's own tokenizer, when known, does.
            long tokens = givenInputTokens == null && nearLimit(route, info, inputTokens) ? exact(id, request, inputTokens) : inputTokens;
            entries.add(check(route, request, id, info, tokens, tokens + output));
        }
        return new Plan(route, inputTokens, entries);
    }

    /** Within half of a limit the 4-characters-per-token estimate is too rough to skip a model on. */
    private static boolean nearLimit(Route route, ModelInfo info, long estimate) {
        if (route.maxInputTokens() != null && estimate * 2 > route.maxInputTokens()) return true;
        return info.contextWindow() != null && estimate * 2 > info.contextWindow();
    }

    private long exact(ModelId id, ChatRequest request, long estimate) {
        for (TokenCounter c : counters) {
            long n = c.count(id, request);
            if (n >= 0) return n;
        }
        return estimate;
    }

    private Plan.Entry check(Route route, ChatRequest request, ModelId id, ModelInfo info, long inputTokens, long needed) {
        // The route's own cap applies whatever the model could take.
        if (route.maxInputTokens() != null && inputTokens > route.maxInputTokens()) {
            return new Plan.Skip(id, SkipReason.CONTEXT_TOO_SMALL,
                    "input of about " + inputTokens + " tokens exceeds the route's maxInputTokens " + route.maxInputTokens());
        }
        if (info.contextWindow() != null && needed > info.contextWindow()) {
            return new Plan.Skip(id, SkipReason.CONTEXT_TOO_SMALL,
                    "about " + needed + " tokens (input plus requested output) exceed its context window of " + info.contextWindow());
        }
        Capability missing = missingCapability(request, info);
        if (missing != null) {
            return new Plan.Skip(id, SkipReason.CAPABILITY_MISSING, "the request uses " + missing.wireName()
                    + " and the catalog does not list it for this model");
        }
        HealthRegistry.ModelView view = health.view(id);
        if (view.cooldownUntil() != null) {
            return new Plan.Skip(id, SkipReason.COOLING_DOWN, "the provider rate-limited it; cooling down until " + view.cooldownUntil());
        }
        if (view.state() == dev.junction.health.BreakerState.OPEN) {
            return new Plan.Skip(id, SkipReason.CIRCUIT_OPEN, "its circuit is open after repeated failures; next probe at " + view.openUntil());
        }
        if (health.credentialsCoolingDown(id.provider())) {
            return new Plan.Skip(id, SkipReason.CREDENTIALS_FAILED, "provider '" + id.provider()
                    + "' rejected its credentials recently; cooling down until " + health.credentialsCoolingUntil(id.provider()));
        }
        return new Plan.Candidate(id, info, providers.get(id.provider()));
    }

    private static Capability missingCapability(ChatRequest request, ModelInfo info) {
        if (request.usesTools() && !info.supports(Capability.TOOLS)) return Capability.TOOLS;
        if (request.usesImages() && !info.supports(Capability.VISION)) return Capability.VISION;
        if (request.usesJsonOutput() && !info.supports(Capability.JSON)) return Capability.JSON;
        return null;
    }

    /** Which weighted primary goes first: by customer when the route is sticky, else at random. */
    private double roll(Route route, String customerId) {
        if (route.primary().size() == 1) return 0;
        if (route.sticky() && customerId != null) {
            // Similar ids ("customer-1", "customer-2") have close hash codes: mix the bits before mapping to [0, 1).
            long h = customerId.hashCode() * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            return (h >>> 11) * 0x1.0p-53;
        }
        return random.nextDouble();
    }
}
