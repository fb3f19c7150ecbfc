package dev.junction.bench;

import dev.junction.config.ConfigDefaults;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.health.HealthRegistry;
import dev.junction.model.ChatRequest;
import dev.junction.providers.openai.OpenAiRequestMapper;
import dev.junction.route.CandidatePlanner;
import dev.junction.route.Plan;
import dev.junction.route.Route;
import dev.junction.route.RouteTable;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing before any call: finding the route for the request's {@code model} (a task name, or a
 * {@code PROVIDER/MODEL} id), and planning its candidates (input-token estimate, context window,
 * capability and health checks) for the small and large requests. The config has 40 routes, so the
 * lookup is not a one-entry map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteLookupBench {
    private RouteTable routes;
    private Route route;
    private CandidatePlanner planner;

    /** The request being planned; only {@link #plan} depends on its size. */
    @State(Scope.Benchmark)
    public static class Request {
        @Param({"small", "large"})
        public String size;

        ChatRequest request;

        @Setup public void setUp() { request = OpenAiRequestMapper.parse(Fixtures.request(size)).request(); }
    }

    @Setup public void setUp() {
        StringBuilder yaml = new StringBuilder("""
                providers:
                  openai: { api: openai, baseUrl: "http://127.0.0.1:1/v1", apiKey: unused }
                  anthropic: { api: anthropic, baseUrl: "http://127.0.0.1:1", apiKey: unused }
                routes:
                  support_chat:
                    primary: openai/gpt-4.1-mini
                    fallback: [anthropic/claude-3-5-haiku-latest, openai/gpt-4.1]
                    maxLatencyMs: 3000
                    maxInputTokens: 100000
                """);
        for (int i = 0; i < 39; i++) {
            yaml.append("  task_").append(i).append(": { primary: openai/gpt-4.1-mini, fallback: [anthropic/claude-3-5-haiku-latest] }\n");
        }
        JunctionConfig config = ConfigLoader.load(Fixtures.configFile(yaml.toString()));
        routes = config.routes();
        route = routes.resolve("support_chat");
        planner = new CandidatePlanner(config.providers(), config.catalog(),
                new HealthRegistry(InstantSource.system(), ConfigDefaults.CREDENTIAL_COOLDOWN), new SplittableRandom(42));
    }

    @Benchmark public Route resolveTask() { return routes.resolve("support_chat"); }

    @Benchmark public Route resolveModelId() { return routes.resolve("openai/gpt-4.1-mini"); }

    @Benchmark public Plan plan(Request r) { return planner.plan(route, r.request, "customer-42"); }
}
