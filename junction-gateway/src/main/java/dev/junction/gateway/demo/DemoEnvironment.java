package dev.junction.gateway.demo;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Junction on embedded defaults: the provider simulator on loopback standing in for every provider,
 * scripted so the demo routes show each kind of fallback, and the built-in demo config pointed at it.
 */
public final class DemoEnvironment implements AutoCloseable {
    private final Simulator simulator;
    private final JunctionConfig config;

    private DemoEnvironment(Simulator simulator, JunctionConfig config) {
        this.simulator = simulator;
        this.config = config;
    }

    /** Starts the simulator and loads the demo config with the usage store at {@code storeUrl}. */
    public static DemoEnvironment start(String storeUrl, String journalDir) {
        Simulator sim = Simulator.start();
        script(sim);
        Map<String, String> env = Map.of("SIM_OPENAI", sim.openAiBaseUrl(), "SIM_ANTHROPIC", sim.anthropicBaseUrl(),
                "SIM_GEMINI", sim.geminiBaseUrl(), "JUNCTION_DEMO_STORE", storeUrl, "JUNCTION_DEMO_JOURNAL", journalDir);
        return new DemoEnvironment(sim, new ConfigLoader(env).parse(demoYaml(), "junction-demo.yaml (built in)"));
    }

    /** The provider behaviour the demo shows: a rate-limit storm, a brief overload, a slow model, a bad request, an outage. */
    static void script(Simulator sim) {
        sim.scriptAlways("claude-sonnet-4-5", Step.fault(Fault.rateLimited(Duration.ofSeconds(30))));
        sim.script("gpt-4.1-mini", Step.fault(Fault.overloaded()));
        sim.scriptAlways("gemini-2.5-flash", Step.fault(Fault.overloaded()));
        sim.scriptAlways("qwen-turbo", Step.fault(Fault.delay(Duration.ofSeconds(3))));
        sim.scriptAlways("gpt-4o", Step.fault(Fault.invalidRequest("Unsupported value: 'temperature' must be at most 2")));
    }

    static String demoYaml() {
        try (InputStream in = DemoEnvironment.class.getResourceAsStream("/dev/junction/gateway/demo/junction-demo.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JunctionConfig config() { return config; }

    public Simulator simulator() { return simulator; }

    @Override public void close() { simulator.close(); }
}
