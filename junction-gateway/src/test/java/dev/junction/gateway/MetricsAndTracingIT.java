package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} with the interface's metric names, and GenAI spans per request and per attempt. */
class MetricsAndTracingIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              data_extraction:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpsFixture gw;

    @BeforeEach void start() throws Exception { gw = new OpsFixture(CONFIG, spans); }

    @AfterEach void stop() { gw.close(); }

    private void ask() {
        gw.client("unused").chat().completions().create(ChatCompletionCreateParams.builder().model("data_extraction")
                .addUserMessage("Extract the invoice number from INV-7").build());
    }

    private double metric(String scrape, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
            boolean all = true;
            for (String l : labels) all &= line.contains(l);
            if (!all) continue;
            Matcher m = Pattern.compile(" ([0-9.eE+-]+)$").matcher(line);
            if (m.find()) {
                sum += Double.parseDouble(m.group(1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    private String scrape() throws Exception {
        var res = gw.get("/metrics", Map.of());
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }

    @Test
    void metrics_afterAFallback_countersMove() throws Exception {
        // an overload (not a 429: that would cool the model down and send the second request elsewhere too)
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.overloaded()));
        ask();
        ask();

        String m = scrape();

        assertThat(metric(m, "junction_requests_total", "task=\"data_extraction\"", "model=\"qwen/qwen-plus\"", "status=\"ok\"")).isEqualTo(1);
        assertThat(metric(m, "junction_requests_total", "model=\"openai/gpt-4.1-mini\"", "status=\"ok\"")).isEqualTo(1);
        assertThat(metric(m, "junction_attempts_total", "model=\"openai/gpt-4.1-mini\"", "outcome=\"overloaded\"")).isEqualTo(1);
        assertThat(metric(m, "junction_attempts_total", "model=\"openai/gpt-4.1-mini\"", "outcome=\"ok\"")).isEqualTo(1);
        assertThat(metric(m, "junction_fallbacks_total", "task=\"data_extraction\"", "cause=\"overloaded\"")).isEqualTo(1);
        assertThat(metric(m, "junction_tokens_total", "model=\"qwen/qwen-plus\"", "type=\"input\"")).isPositive();
        assertThat(metric(m, "junction_tokens_total", "model=\"qwen/qwen-plus\"", "type=\"output\"")).isPositive();
        assertThat(metric(m, "junction_cost_usd_total", "task=\"data_extraction\"", "model=\"openai/gpt-4.1-mini\"")).isPositive();
        assertThat(metric(m, "junction_request_duration_seconds_count", "task=\"data_extraction\"")).isEqualTo(2);
        assertThat(metric(m, "junction_request_duration_seconds_bucket", "le=\"60.0\"", "model=\"qwen/qwen-plus\"")).isEqualTo(1);
        assertThat(metric(m, "junction_ledger_queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(metric(m, "junction_ledger_journal_rows")).isZero();
        assertThat(metric(m, "junction_circuit_state", "model=\"openai/gpt-4.1-mini\"")).isZero();
    }

    @Test
    void metrics_streamedRequest_recordsTimeToFirstToken() throws Exception {
        try (var stream = gw.client("unused").chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("data_extraction").addUserMessage("hi").build())) {
            stream.stream().forEach(chunk -> {});
        }

        assertThat(metric(scrape(), "junction_ttft_seconds_count", "task=\"data_extraction\"", "model=\"openai/gpt-4.1-mini\"")).isEqualTo(1);
    }

    @Test
    void traces_fallbackRequest_oneRequestSpanWithAChildPerAttemptAndGenAiAttributes() {
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
        ask();

        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData request = all.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        List<SpanData> attempts = all.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();

        assertThat(all).hasSize(3);
        assertThat(request.getName()).isEqualTo("chat data_extraction");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4.1-mini");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("qwen-plus");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("qwen");
        assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isPositive();
        assertThat(request.getAttributes().get(AttributeKey.booleanKey("junction.fallback"))).isTrue();
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(a.getTraceId()).isEqualTo(request.getTraceId());
            assertThat(a.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        });
        SpanData failed = attempts.stream().filter(a -> "openai".equals(a.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))).findFirst().orElseThrow();
        SpanData served = attempts.stream().filter(a -> "qwen".equals(a.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))).findFirst().orElseThrow();
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4.1-mini");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("rate_limited");
        assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("qwen-plus");
        assertThat(served.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
    }

    @Test
    void ops_healthzAndReadyz_answer200() throws Exception {
        assertThat(gw.get("/healthz", Map.of()).statusCode()).isEqualTo(200);
        var ready = gw.get("/readyz", Map.of());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready");
    }
}
