package dev.junction.gateway.telemetry;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.ledger.BatchingUsageWriter;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import io.micrometer.core.instrument.Counter;
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
        Counter.builder("junction.attempts").description("upstream attempts and skipped candidates")
                .tag("model", a.model().toString()).tag("outcome", a.outcome().ledgerName())
                .register(registry).increment();
    }

    @Override
    public void requestEnd(RequestInfo request, UsageRecord r) {
        String model = r.model() == null ? NONE : r.model();
        String task = r.model() == null || r.task() == null ? NONE : r.task();
        Counter.builder("junction.requests").description("client requests by outcome")
                .tag("task", task).tag("model", model).tag("status", r.status().wireName())
                .register(registry).increment();
        Timer.builder("junction.request.duration").description("client request latency, all attempts")
                .serviceLevelObjectives(LATENCY_BUCKETS).tag("task", task).tag("model", model)
                .register(registry).record(Duration.ofMillis(r.latencyMs()));
        if (r.ttftMs() != null) {
            Timer.builder("junction.ttft").description("time to the first content event of a stream")
                    .serviceLevelObjectives(LATENCY_BUCKETS).tag("task", task).tag("model", model)
                    .register(registry).record(Duration.ofMillis(r.ttftMs()));
        }
        if (r.fallback()) {
            Counter.builder("junction.fallbacks").description("requests served by other than the first choice, by what moved them")
                    .tag("task", task).tag("cause", fallbackCause(r)).register(registry).increment();
        }
        if (r.model() != null) {
            tokens(model, "input", r.usage().inputTokens());
            tokens(model, "cached_input", r.usage().cachedInputTokens());
            tokens(model, "output", r.usage().outputTokens());
            tokens(model, "reasoning", r.usage().reasoningTokens());
        }
        if (r.costUsd() != null && r.costUsd() > 0) {
            Counter.builder("junction.cost.usd").description("spend in US dollars")
                    .tag("task", task).tag("model", model).register(registry).increment(r.costUsd());
        }
    }

    private void tokens(String model, String type, long n) {
        if (n <= 0) return;
        Counter.builder("junction.tokens").description("tokens by kind; input includes cached, output includes reasoning")
                .tag("model", model).tag("type", type).register(registry).increment(n);
    }

    /** What moved the request off its first choice: the first candidate's failure or skip reason. */
    private static String fallbackCause(UsageRecord r) {
        for (Attempt a : r.attempts()) {
            if (!(a.outcome() instanceof Outcome.Ok)) return a.outcome().ledgerName();
        }
        return "unknown";
    }
}
