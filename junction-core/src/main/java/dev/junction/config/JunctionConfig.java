package dev.junction.config;

import dev.junction.catalog.ModelCatalog;
import dev.junction.route.RouteTable;
import java.util.Map;

/**
 * A validated config compiled to runtime objects; nothing reads the YAML again after this exists.
 *
 * @param source where it came from (a file path or {@code <built-in>}), for messages
 */
public record JunctionConfig(String source, Map<String, ProviderConfig> providers, ModelCatalog catalog,
                             RouteTable routes, UsageConfig usage, ServerConfig server) {
    public JunctionConfig {
        providers = Map.copyOf(providers);
    }

    public JunctionConfig withServer(ServerConfig newServer) {
        return new JunctionConfig(source, providers, catalog, routes, usage, newServer);
    }

    public JunctionConfig withUsage(UsageConfig newUsage) {
        return new JunctionConfig(source, providers, catalog, routes, newUsage, server);
    }
}
