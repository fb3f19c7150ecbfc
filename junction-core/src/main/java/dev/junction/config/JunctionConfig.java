package dev.junction.config;

import dev.junction.catalog.ModelCatalog;
import dev.junction.route.RouteTable;
import java.util.Map;

/**
 * A validated config compiled to runtime objects; nothing reads the YAML again after this exists.
 *
 * @param source    where it came from (a file path or {@code <built-in>}), for messages
 * @param state     shared state for several replicas, or null to keep counters in this process
 * @param auth      gateway keys and the admin key
 * @param limits    per-customer limits
 * @param telemetry trace export
 */
public record JunctionConfig(String source, Map<String, ProviderConfig> providers, ModelCatalog catalog,
                             RouteTable routes, UsageConfig usage, ServerConfig server, StateConfig state,
                             AuthConfig auth, LimitsConfig limits, TelemetryConfig telemetry) {
    public JunctionConfig {
        providers = Map.copyOf(providers);
        auth = auth == null ? AuthConfig.defaults() : auth;
        limits = limits == null ? LimitsConfig.none() : limits;
        telemetry = telemetry == null ? TelemetryConfig.off() : telemetry;
    }

    /** A config without the operations sections: in-process state, open, no limits, no traces. */
    public JunctionConfig(String source, Map<String, ProviderConfig> providers, ModelCatalog catalog,
                          RouteTable routes, UsageConfig usage, ServerConfig server) {
        this(source, providers, catalog, routes, usage, server, null, null, null, null);
    }

    public JunctionConfig withServer(ServerConfig newServer) {
        return new JunctionConfig(source, providers, catalog, routes, usage, newServer, state, auth, limits, telemetry);
    }

    public JunctionConfig withUsage(UsageConfig newUsage) {
        return new JunctionConfig(source, providers, catalog, routes, newUsage, server, state, auth, limits, telemetry);
    }
}
