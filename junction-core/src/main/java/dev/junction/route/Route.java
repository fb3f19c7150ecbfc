package dev.junction.route;

import dev.junction.error.ErrorClass;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A task's model policy, with the seed's field names. {@code primary} has one entry unless the route
 * spreads load over weighted primaries.
 *
 * @param maxLatencyMs   deadline across all attempts (first token, for streams); null = per-attempt timeouts only
 * @param maxInputTokens the route's own cap on input tokens; null = the models' windows decide
 * @param retries        same-model retries on transient failures before moving on
 * @param fallbackOn     narrows the classes that move to the next candidate; null = the policy's defaults
 * @param direct         true for the implicit route of a {@code PROVIDER/MODEL} id sent by the caller
 */
public record Route(String name, List<WeightedModel> primary, List<ModelId> fallback, Integer maxLatencyMs,
                    Integer maxInputTokens, boolean allowFallback, int retries, Set<ErrorClass> fallbackOn,
                    boolean fallbackOnRefusal, Integer streamIdleTimeoutMs, Integer hedgeAfterMs, boolean sticky,
                    boolean rejectUnsupportedParams, boolean direct) {
    public Route {
        Objects.requireNonNull(name, "name");
        primary = List.copyOf(primary);
        if (primary.isEmpty()) throw new IllegalArgumentException("route without primary");
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
        fallbackOn = fallbackOn == null ? null : Set.copyOf(fallbackOn);
    }

    /** The implicit single-model route used when a caller names {@code PROVIDER/MODEL} directly. */
    public static Route direct(ModelId model) {
        return new Route(model.toString(), List.of(new WeightedModel(model, 1)), List.of(), null, null, false, 0,
                null, false, null, null, false, false, true);
    }

    /** The route's first choice as configured (the heaviest primary when weighted). */
    public ModelId firstChoice() {
        WeightedModel best = primary.getFirst();
        for (WeightedModel w : primary) {
            if (w.weight() > best.weight()) best = w;
        }
        return best.model();
    }

    /**
     * The ordered models to try: the primary picked by weight (by {@code roll} in [0,1)), the other
     * primaries, then the fallbacks, each model once.
     */
    public List<ModelId> order(double roll) {
        java.util.LinkedHashSet<ModelId> out = new java.util.LinkedHashSet<>();
        out.add(pickPrimary(roll));
        for (WeightedModel w : primary) out.add(w.model());
        out.addAll(fallback);
        return List.copyOf(out);
    }

    ModelId pickPrimary(double roll) {
        if (primary.size() == 1) return primary.getFirst().model();
        long total = 0;
        for (WeightedModel w : primary) total += w.weight();
        double point = roll * total;
        for (WeightedModel w : primary) {
            point -= w.weight();
            if (point < 0) return w.model();
        }
        return primary.getLast().model();
    }
}
