package dev.junction.gateway.telemetry;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.ledger.BatchingUsageWriter;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Junction's Prometheus metrics (names as in the interface: {@code junction_requests_total},
 * {@code junction_attempts_total}, ...), fed only from {@link AttemptListener} callbacks, so the request
 * path has no metrics logic of its own.
 *
 * <p>Label values are bounded: a request refused before routing (unknown model, bad body, over a limit)
 * is labelled {@code task="none"}, because its task is whatever the caller typed. Per-model circuit state
 * ({@code junction_circuit_state}) is registered by the breaker through {@link #registry()}.
 */
public final class GatewayMetrics implements AttemptListener {
    static final String NONE = "none";
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.concurrent.ConcurrentHashMap<MeterKey, Meter> meters = new java.util.concurrent.ConcurrentHashMap<>();

    public PrometheusMeterRegistry registry() { return registry; }

    private io.micrometer.core.instrument.MultiGauge circuits;
    private java.util.function.Supplier<java.util.List<dev.junction.health.HealthRegistry.ModelView>> health;

    /** Prometheus text exposition of every metric. */
    public String scrape() {
        if (health != null) {
            // Models come and go with the config: the circuit gauge is rebuilt from the current health at each scrape.
            circuits.register(health.get().stream().map(v -> io.micrometer.core.instrument.MultiGauge.Row.of(
                    io.micrometer.core.instrument.Tags.of("model", v.model().toString()), v.state().gauge())).toList(), true);
        }
        return registry.scrape();
    }

    /** Exposes each model's circuit as {@code junction_circuit_state{model}}: 0 closed, 1 half-open, 2 open. */
    public void bindHealth(java.util.function.Supplier<java.util.List<dev.junction.health.HealthRegistry.ModelView>> views) {
        this.health = views;
        this.circuits = io.micrometer.core.instrument.MultiGauge.builder("junction.circuit.state")
                .description("circuit breaker state per model: 0 closed, 1 half-open, 2 open").register(registry);
    }

    /** Exposes the ledger writer's backlog: rows waiting in memory and in the journal. */
    public void bindLedger(BatchingUsageWriter writer) {
        Gauge.builder("junction.ledger.queue.depth", writer, BatchingUsageWriter::queueDepth)
                .description("usage rows waiting in memory to be written").register(registry);
        Gauge.builder("junction.ledger.journal.rows", writer, BatchingUsageWriter::journalRows)
                .description("usage rows in the spill journal waiting for the store").register(registry);
    }

    @Override
    public void candidateSkipped(RequestInfo request, Attempt skipped) { countAttempt(skipped); }

    @Override
    public void attemptEnd(RequestInfo request, Attempt attempt) { countAttempt(attempt); }

    private void countAttempt(Attempt a) {
        counter("junction.attempts", "upstream attempts and skipped candidates",
                "model", a.model().toString(), "outcome", a.outcome().ledgerName(), null, null).increment();
    }

    @Override
    public void requestEnd(RequestInfo request, UsageRecord r) {
        String model = r.model() == null ? NONE : r.model();
        String task = r.model() == null || r.task() == null ? NONE : r.task();
        counter("junction.requests", "client requests by outcome", "task", task, "model", model, "status", r.status().wireName())
                .increment();
        timer("junction.request.duration", "client request latency, all attempts", task, model).record(Duration.ofMillis(r.latencyMs()));
        if (r.ttftMs() != null) {
            timer("junction.ttft", "time to the first content event of a stream", task, model).record(Duration.ofMillis(r.ttftMs()));
        }
        if (r.fallback()) {
            counter("junction.fallbacks", "requests served by other than the first choice, by what moved them",
                    "task", task, "cause", fallbackCause(r), null, null).increment();
        }
        if (r.model() != null) {
            tokens(model, "input", r.usage().inputTokens());
            tokens(model, "cached_input", r.usage().cachedInputTokens());
            tokens(model, "output", r.usage().outputTokens());
            tokens(model, "reasoning", r.usage().reasoningTokens());
        }
        if (r.costUsd() != null && r.costUsd() > 0) {
            counter("junction.cost.usd", "spend in US dollars", "task", task, "model", model, null, null).increment(r.costUsd());
        }
    }

    private void tokens(String model, String type, long n) {
        if (n <= 0) return;
        counter("junction.tokens", "tokens by kind; input includes cached, output includes reasoning",
                "model", model, "type", type, null, null).increment(n);
    }

    /**
     * The meter for a name and tag values, built and registered once. Looking it up in a map keyed by
     * the values costs a hash; going through Micrometer's builder per request cost a sorted tag merge and
     * a registry lookup per meter, several per request.
     */
    private Counter counter(String name, String description, String k1, String v1, String k2, String v2, String k3, String v3) {
        MeterKey key = new MeterKey(name, v1, v2, v3);
        Meter m = meters.get(key);
        if (m == null) {
            m = meters.computeIfAbsent(key, k -> {
                Counter.Builder b = Counter.builder(name).description(description).tag(k1, v1).tag(k2, v2);
                if (k3 != null) b.tag(k3, v3);
                return b.register(registry);
            });
        }
        return (Counter) m;
    }

    private Timer timer(String name, String description, String task, String model) {
        MeterKey key = new MeterKey(name, task, model, null);
        Meter m = meters.get(key);
        if (m == null) {
            m = meters.computeIfAbsent(key, k -> Timer.builder(name).description(description)
                    .serviceLevelObjectives(LATENCY_BUCKETS).tag("task", task).tag("model", model).register(registry));
        }
        return (Timer) m;
    }

    /** A meter's name and tag values (the tag keys are fixed per name). */
    private record MeterKey(String name, String v1, String v2, String v3) {}

    /** What moved the request off its first choice: the first candidate's failure or skip reason. */
    private static String fallbackCause(UsageRecord r) {
        for (Attempt a : r.attempts()) {
            if (!(a.outcome() instanceof Outcome.Ok)) return a.outcome().ledgerName();
        }
        return "unknown";
    }
}
