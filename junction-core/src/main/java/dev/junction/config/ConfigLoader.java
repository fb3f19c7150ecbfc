package dev.junction.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.junction.catalog.Capability;
import dev.junction.catalog.ModelCatalog;
import dev.junction.catalog.ModelInfo;
import dev.junction.catalog.Prices;
import dev.junction.route.ModelId;
import dev.junction.route.RouteTable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code junction.yaml}: substitutes {@code ${VAR}}, rejects unknown fields, checks every reference
 * (a route's models must name configured providers) and reports all problems at once in a
 * {@link ConfigException}, each naming the file and the field's path.
 */
public final class ConfigLoader {
    /** The {@code api:} values adapters exist for. */
    public static final Set<String> APIS = Set.of("openai", "azure-openai", "anthropic", "gemini");

    private static final Set<String> TOP = Set.of("providers", "models", "routes", "usage", "server", "state", "auth", "limits", "telemetry");
    private static final Set<String> PROVIDER = Set.of("api", "baseUrl", "apiKey", "headers", "timeoutMs", "maxConnections", "apiVersion");
    private static final Set<String> MODEL = Set.of("contextWindow", "maxOutputTokens", "inputPricePerMTok", "outputPricePerMTok",
            "cachedInputPricePerMTok", "capabilities", "timeoutMs");
    private static final Set<String> USAGE = Set.of("store", "journal", "storePrompts", "retentionDays");
    private static final Set<String> SERVER = Set.of("host", "port", "maxBodyBytes", "shutdownGraceMs");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) { this.env = env; }

    public static JunctionConfig load(Path file) { return new ConfigLoader(System.getenv()).read(file); }

    public JunctionConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    public JunctionConfig parse(String yaml, String fileName) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(fileName + ": not valid YAML: " + msg);
        }
        ConfigReader r = new ConfigReader(fileName, new EnvSubstitution(env));
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(fileName + ": empty config (needs at least providers: and routes:)");
        }
        if (!r.isObject(root, "(top level)")) throw new ConfigException(r.problems());
        r.onlyKeys(root, "", TOP);

        Map<String, ProviderConfig> providers = readProviders(r, root.get("providers"));
        // References are checked against every declared provider, so one bad provider is reported once, not again per route.
        Set<String> declared = new java.util.LinkedHashSet<>();
        if (root.get("providers") != null && root.get("providers").isObject()) root.get("providers").fieldNames().forEachRemaining(declared::add);
        Map<ModelId, ModelInfo> overrides = readModels(r, root.get("models"), declared);
        RouteTable routes = new RouteTable(new RouteReader(r, declared).read(root.get("routes")), providers.keySet());
        UsageConfig usage = readUsage(r, root.get("usage"));
        ServerConfig server = readServer(r, root.get("server"));
        OperationsReader ops = new OperationsReader(r);
        StateConfig state = ops.state(root.get("state"));
        AuthConfig auth = ops.auth(root.get("auth"));
        LimitsConfig limits = ops.limits(root.get("limits"));
        TelemetryConfig telemetry = ops.telemetry(root.get("telemetry"));
        if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
        return new JunctionConfig(fileName, providers, ModelCatalog.builtIn(overrides), routes, usage, server,
                state, auth, limits, telemetry);
    }

    private Map<String, ProviderConfig> readProviders(ConfigReader r, JsonNode node) {
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        if (node == null) {
            r.problem("providers", "required: at least one provider");
            return out;
        }
        r.entries(node, "providers").forEach((name, p) -> {
            String path = "providers." + name;
            if (name.contains("/")) r.problem(path, "a provider name cannot contain '/'");
            if (!r.isObject(p, path)) return;
            r.onlyKeys(p, path, PROVIDER);
            String api = r.string(p, path, "api", true);
            if (api != null && !APIS.contains(api)) {
                r.problem(path + ".api", "unknown api '" + api + "' (one of: " + String.join(", ", APIS.stream().sorted().toList()) + ")");
            }
            URI baseUrl = url(r, r.string(p, path, "baseUrl", true), path + ".baseUrl");
            String key = r.string(p, path, "apiKey", false);
            Map<String, String> headers = new LinkedHashMap<>();
            r.entries(p.get("headers"), path + ".headers").forEach((h, v) -> headers.put(h, r.scalar(v, path + ".headers." + h)));
            Integer timeoutMs = r.integer(p, path, "timeoutMs", 1);
            Integer maxConnections = r.integer(p, path, "maxConnections", 1);
            String apiVersion = r.string(p, path, "apiVersion", false);
            if (api != null && baseUrl != null) {
                out.put(name, new ProviderConfig(name, api, baseUrl, key == null || key.isEmpty() ? null : Secret.of(key),
                        headers, timeoutMs, maxConnections, apiVersion));
            }
        });
        if (out.isEmpty() && r.problems().isEmpty()) r.problem("providers", "required: at least one provider");
        return out;
    }

    private static URI url(ConfigReader r, String text, String path) {
        if (text == null) return null;
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                r.problem(path, "must be an absolute http(s) URL, got '" + text + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            r.problem(path, "not a valid URL: '" + text + "'");
            return null;
        }
    }

    private static Map<ModelId, ModelInfo> readModels(ConfigReader r, JsonNode node, Set<String> providers) {
        Map<ModelId, ModelInfo> out = new LinkedHashMap<>();
        r.entries(node, "models").forEach((key, m) -> {
            String path = "models." + key;
            ModelId id = ModelId.parseOrNull(key);
            if (id == null) {
                r.problem(path, "a model id is PROVIDER/MODEL");
                return;
            }
            if (!providers.isEmpty() && !providers.contains(id.provider())) {
                r.problem(path, "unknown provider '" + id.provider() + "' (configured: " + String.join(", ", providers) + ")");
            }
            if (!r.isObject(m, path)) return;
            r.onlyKeys(m, path, MODEL);
            Double in = r.decimal(m, path, "inputPricePerMTok");
            Double outPrice = r.decimal(m, path, "outputPricePerMTok");
            Double cached = r.decimal(m, path, "cachedInputPricePerMTok");
            if ((in == null) != (outPrice == null)) {
                r.problem(path, "inputPricePerMTok and outputPricePerMTok go together");
            }
            Set<Capability> caps = null;
            List<String> capNames = r.strings(m, path, "capabilities");
            if (capNames != null) {
                caps = EnumSet.noneOf(Capability.class);
                for (int i = 0; i < capNames.size(); i++) {
                    Capability c = capNames.get(i) == null ? null : Capability.fromWireName(capNames.get(i));
                    if (c == null) {
                        r.problem(path + ".capabilities[" + i + "]", "unknown capability '" + capNames.get(i)
                                + "' (one of: tools, json, vision, streaming, reasoning)");
                    } else {
                        caps.add(c);
                    }
                }
            }
            Prices prices = in != null && outPrice != null ? new Prices(in, outPrice, cached) : null;
            out.put(id, new ModelInfo(id, r.integer(m, path, "contextWindow", 1), r.integer(m, path, "maxOutputTokens", 1),
                    prices, caps, r.integer(m, path, "timeoutMs", 1)));
        });
        return out;
    }

    private static UsageConfig readUsage(ConfigReader r, JsonNode node) {
        UsageConfig d = UsageConfig.defaults();
        if (!r.isObject(node, "usage")) return d;
        r.onlyKeys(node, "usage", USAGE);
        String store = r.string(node, "usage", "store", false);
        if (store != null && !store.startsWith("jdbc:sqlite:") && !store.startsWith("jdbc:postgresql:")) {
            r.problem("usage.store", "must be a jdbc:sqlite: or jdbc:postgresql: URL, got '" + store + "'");
        }
        String journal = r.string(node, "usage", "journal", false);
        Boolean prompts = r.bool(node, "usage", "storePrompts");
        Integer retention = r.integer(node, "usage", "retentionDays", 1);
        return new UsageConfig(store != null ? store : d.store(), journal != null ? journal : d.journal(),
                prompts != null ? prompts : d.storePrompts(), retention != null ? retention : d.retentionDays());
    }

    private static ServerConfig readServer(ConfigReader r, JsonNode node) {
        ServerConfig d = ServerConfig.defaults();
        if (!r.isObject(node, "server")) return d;
        r.onlyKeys(node, "server", SERVER);
        String host = r.string(node, "server", "host", false);
        Integer port = r.integer(node, "server", "port", 0);
        if (port != null && port > 65535) r.problem("server.port", "must be at most 65535");
        Long body = r.number(node, "server", "maxBodyBytes", 1);
        Long grace = r.number(node, "server", "shutdownGraceMs", 0);
        return new ServerConfig(host != null ? host : d.host(), port != null ? port : d.port(),
                body != null ? body : d.maxBodyBytes(), grace != null ? grace : d.shutdownGraceMs());
    }
}
