package dev.junction.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.route.ModelId;
import dev.junction.route.Route;
import dev.junction.route.WeightedModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code routes:}, with the seed's field names plus the optional policy fields. */
final class RouteReader {
    private static final Set<String> ROUTE = Set.of("primary", "fallback", "maxLatencyMs", "maxInputTokens", "allowFallback",
            "retries", "fallbackOn", "fallbackOnRefusal", "streamIdleTimeoutMs", "hedgeAfterMs", "sticky", "onUnsupportedParams");

    private final ConfigReader r;
    private final Set<String> providers;

    RouteReader(ConfigReader r, Set<String> providers) {
        this.r = r;
        this.providers = providers;
    }

    Map<String, Route> read(JsonNode node) {
        Map<String, Route> out = new LinkedHashMap<>();
        if (node == null) {
            r.problem("routes", "required: at least one route (task name -> primary, fallback, ...)");
            return out;
        }
        r.entries(node, "routes").forEach((name, n) -> {
            String path = "routes." + name;
            if (name.contains("/")) r.problem(path, "a route name cannot contain '/' (that is a PROVIDER/MODEL id)");
            if (!r.isObject(n, path)) {
                if (n == null || n.isNull()) r.problem(path, "must be a mapping with at least primary:");
                return;
            }
            r.onlyKeys(n, path, ROUTE);
            Route route = readRoute(name, path, n);
            if (route != null) out.put(name, route);
        });
        return out;
    }

    private Route readRoute(String name, String path, JsonNode n) {
        List<WeightedModel> primary = readPrimary(path, n.get("primary"));
        List<ModelId> fallback = new ArrayList<>();
        List<String> fb = r.strings(n, path, "fallback");
        if (fb != null) {
            for (int i = 0; i < fb.size(); i++) {
                ModelId id = model(fb.get(i), path + ".fallback[" + i + "]");
                if (id != null) fallback.add(id);
            }
        }
        Integer maxLatency = r.integer(n, path, "maxLatencyMs", 1);
        Integer maxInput = r.integer(n, path, "maxInputTokens", 1);
        Boolean allow = r.bool(n, path, "allowFallback");
        Integer retries = r.integer(n, path, "retries", 0);
        Set<ErrorClass> fallbackOn = readClasses(path, n);
        Boolean onRefusal = r.bool(n, path, "fallbackOnRefusal");
        Integer idle = r.integer(n, path, "streamIdleTimeoutMs", 1);
        Integer hedge = r.integer(n, path, "hedgeAfterMs", 1);
        Boolean sticky = r.bool(n, path, "sticky");
        String unsupported = r.string(n, path, "onUnsupportedParams", false);
        if (unsupported != null && !unsupported.equals("drop") && !unsupported.equals("reject")) {
            r.problem(path + ".onUnsupportedParams", "must be drop or reject, got '" + unsupported + "'");
        }
        if (primary == null || primary.isEmpty()) return null;
        return new Route(name, primary, fallback, maxLatency, maxInput,
                allow != null ? allow : ConfigDefaults.ALLOW_FALLBACK, retries != null ? retries : ConfigDefaults.RETRIES,
                fallbackOn, Boolean.TRUE.equals(onRefusal), idle, hedge, Boolean.TRUE.equals(sticky),
                "reject".equals(unsupported), false);
    }

    private List<WeightedModel> readPrimary(String path, JsonNode p) {
        String at = path + ".primary";
        if (p == null || p.isNull()) {
            r.problem(at, "required");
            return null;
        }
        if (p.isValueNode()) {
            ModelId id = model(r.scalar(p, at), at);
            return id == null ? null : List.of(new WeightedModel(id, 1));
        }
        if (!p.isArray() || p.isEmpty()) {
            r.problem(at, "must be a PROVIDER/MODEL id or a list of {model, weight}");
            return null;
        }
        List<WeightedModel> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            String item = at + "[" + i + "]";
            JsonNode e = p.get(i);
            if (!r.isObject(e, item)) continue;
            r.onlyKeys(e, item, Set.of("model", "weight"));
            ModelId id = model(r.string(e, item, "model", true), item + ".model");
            Integer w = r.integer(e, item, "weight", 1);
            if (id != null) out.add(new WeightedModel(id, w != null ? w : 1));
        }
        return out;
    }

    private Set<ErrorClass> readClasses(String path, JsonNode n) {
        List<String> names = r.strings(n, path, "fallbackOn");
        if (names == null) return null;
        Set<ErrorClass> out = EnumSet.noneOf(ErrorClass.class);
        for (int i = 0; i < names.size(); i++) {
            try {
                if (names.get(i) != null) out.add(ErrorClass.fromWireName(names.get(i)));
            } catch (IllegalArgumentException e) {
                r.problem(path + ".fallbackOn[" + i + "]", "unknown error class '" + names.get(i) + "'");
            }
        }
        return out;
    }

    private ModelId model(String text, String at) {
        if (text == null) return null;
        ModelId id = ModelId.parseOrNull(text);
        if (id == null) {
            r.problem(at, "'" + text + "' is not a PROVIDER/MODEL id");
            return null;
        }
        if (!providers.contains(id.provider())) {
            r.problem(at, "unknown provider '" + id.provider() + "'"
                    + (providers.isEmpty() ? "" : " (configured: " + String.join(", ", providers) + ")"));
            return null;
        }
        return id;
    }
}
