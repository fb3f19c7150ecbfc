package dev.junction.route;

import java.util.Map;
import java.util.Set;

/** Compiled once from config: finds the route for a request's {@code model} (a task name or a model id). */
public final class RouteTable {
    private final Map<String, Route> routes;
    private final Set<String> providers;

    public RouteTable(Map<String, Route> routes, Set<String> providers) {
        this.routes = Map.copyOf(routes);
        this.providers = Set.copyOf(providers);
    }

    /** The route for a task name, or the direct route of a {@code PROVIDER/MODEL} of a configured provider; else null. */
    public Route resolve(String model) {
        Route route = routes.get(model);
        if (route != null) return route;
        ModelId id = ModelId.parseOrNull(model);
        if (id != null && providers.contains(id.provider())) return Route.direct(id);
        return null;
    }

    public Map<String, Route> routes() { return routes; }
}
