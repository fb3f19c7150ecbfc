package dev.junction.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads the sections for running a gateway for a team: {@code state}, {@code auth}, {@code limits}, {@code telemetry}. */
final class OperationsReader {
    private static final Set<String> STATE = Set.of("url", "keyPrefix");
    private static final Set<String> AUTH = Set.of("mode", "adminKey");
    private static final Set<String> LIMITS = Set.of("customers");
    private static final Set<String> LIMIT = Set.of("rpm", "tpm", "budgetUsdPerDay", "budgetUsdPerMonth");
    private static final Set<String> TELEMETRY = Set.of("otlpEndpoint");

    private final ConfigReader r;

    OperationsReader(ConfigReader r) { this.r = r; }

    /** {@code state: redis://host:port} or {@code state: {url, keyPrefix}}; null when absent. */
    StateConfig state(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String url;
        String prefix = null;
        String urlPath = "state";
        if (node.isObject()) {
            r.onlyKeys(node, "state", STATE);
            url = r.string(node, "state", "url", true);
            urlPath = "state.url";
            prefix = r.string(node, "state", "keyPrefix", false);
            if (prefix != null && prefix.isBlank()) {
                r.problem("state.keyPrefix", "must not be empty");
                prefix = null;
            }
        } else {
            url = r.scalar(node, "state");
        }
        if (url == null || url.isEmpty()) return null; // `${JUNCTION_STATE:-}` left empty: in-process state
        URI uri = redisUrl(url, urlPath);
        return uri == null ? null : new StateConfig(uri, prefix);
    }

    private URI redisUrl(String text, String path) {
        try {
            URI uri = new URI(text);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                // the scheme only: the rest may carry a password
                r.problem(path, "must be a redis:// or rediss:// URL with a host, got '" + schemeOf(text) + "...'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            r.problem(path, "not a valid URL: '" + schemeOf(text) + "...'");
            return null;
        }
    }

    private static String schemeOf(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(0, colon + 1);
    }

    AuthConfig auth(JsonNode node) {
        if (!r.isObject(node, "auth")) return AuthConfig.defaults();
        r.onlyKeys(node, "auth", AUTH);
        AuthConfig.Mode mode = ConfigDefaults.AUTH_MODE;
        String m = r.string(node, "auth", "mode", false);
        if (m != null) {
            switch (m) {
                case "open" -> mode = AuthConfig.Mode.OPEN;
                case "keys" -> mode = AuthConfig.Mode.KEYS;
                default -> r.problem("auth.mode", "must be open or keys, got '" + m + "'");
            }
        }
        String admin = r.string(node, "auth", "adminKey", false);
        if (admin != null && !admin.isEmpty() && admin.length() < 16) {
            r.problem("auth.adminKey", "too short: use at least 16 characters");
            admin = null;
        }
        return new AuthConfig(mode, admin == null || admin.isEmpty() ? null : Secret.of(admin));
    }

    LimitsConfig limits(JsonNode node) {
        if (!r.isObject(node, "limits")) return LimitsConfig.none();
        r.onlyKeys(node, "limits", LIMITS);
        LimitSpec dflt = LimitSpec.NONE;
        Map<String, LimitSpec> customers = new LinkedHashMap<>();
        for (var e : r.entries(node.get("customers"), "limits.customers").entrySet()) {
            LimitSpec spec = limit(e.getValue(), "limits.customers." + e.getKey());
            if (spec == null) continue;
            if (LimitsConfig.DEFAULT.equals(e.getKey())) dflt = spec;
            else customers.put(e.getKey(), spec);
        }
        return new LimitsConfig(dflt, customers);
    }

    private LimitSpec limit(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            r.problem(path, "must be a mapping of rpm, tpm, budgetUsdPerDay, budgetUsdPerMonth");
            return null;
        }
        if (!r.isObject(n, path)) return null;
        r.onlyKeys(n, path, LIMIT);
        return new LimitSpec(r.integer(n, path, "rpm", 1), r.number(n, path, "tpm", 1),
                r.decimal(n, path, "budgetUsdPerDay"), r.decimal(n, path, "budgetUsdPerMonth"));
    }

    TelemetryConfig telemetry(JsonNode node) {
        if (!r.isObject(node, "telemetry")) return TelemetryConfig.off();
        r.onlyKeys(node, "telemetry", TELEMETRY);
        String endpoint = r.string(node, "telemetry", "otlpEndpoint", false);
        if (endpoint == null || endpoint.isEmpty()) return TelemetryConfig.off();
        try {
            URI uri = new URI(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                r.problem("telemetry.otlpEndpoint", "must be an absolute http(s) URL, got '" + endpoint + "'");
                return TelemetryConfig.off();
            }
            return new TelemetryConfig(uri);
        } catch (URISyntaxException e) {
            r.problem("telemetry.otlpEndpoint", "must be an absolute http(s) URL, got '" + endpoint + "'");
            return TelemetryConfig.off();
        }
    }
}
