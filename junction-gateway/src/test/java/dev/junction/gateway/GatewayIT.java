package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.report.AttemptRow;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.report.UsageRow;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway end to end: official OpenAI SDK -> Junction -> simulator, and the ledger rows it leaves. */
class GatewayIT {
    static final String CONFIG = """
            providers:
              openai:  { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              backup:  { api: openai, baseUrl: "${SIM}", apiKey: bad-key }
              qwen:    { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              data_extraction:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                maxLatencyMs: 4000
                allowFallback: true
              fast_chat:
                primary: openai/gpt-4.1-nano
                fallback: [qwen/qwen-turbo]
                maxLatencyMs: 1000
              guarded:
                primary: backup/gpt-4o-mini
                fallback: [backup/gpt-4.1-mini, qwen/qwen-max]
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    GatewayFixture gw;

    @BeforeEach void start() throws Exception { gw = new GatewayFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Extract the invoice number from INV-7").build();
    }

    private static String header(HttpResponseFor<?> r, String name) {
        return r.headers().values(name).stream().findFirst().orElse(null);
    }

    @Test
    void sdkCreate_primaryHealthy_answersWithServedModelAndJunctionHeaders() {
        HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse().create(ask("data_extraction"));
        ChatCompletion c = raw.parse();

        assertThat(c.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).contains("gpt-4.1-mini"));
        assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isPositive());
        assertThat(header(raw, "X-Junction-Model")).isEqualTo("openai/gpt-4.1-mini");
        assertThat(header(raw, "X-Junction-Task")).isEqualTo("data_extraction");
        assertThat(header(raw, "X-Junction-Fallback")).isEqualTo("false");
        assertThat(header(raw, "X-Junction-Attempts")).isEqualTo("1");
        assertThat(header(raw, "X-Junction-Request-Id")).startsWith("req_");
        assertThat(Double.parseDouble(header(raw, "X-Junction-Cost-Usd"))).isPositive();
    }

    @Test
    void sdkCreate_primaryRateLimited_fallsBackOverRealHttp() {
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));

        HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse().create(ask("data_extraction"));

        assertThat(raw.parse().model()).isEqualTo("qwen/qwen-plus");
        assertThat(header(raw, "X-Junction-Fallback")).isEqualTo("true");
        assertThat(header(raw, "X-Junction-Attempts")).isEqualTo("2");
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).hasSize(1);
        assertThat(gw.sim.requestsFor("qwen-plus")).hasSize(1);
    }

    @Test
    void sdkCreate_primarySilentPastItsShare_timesOutAndFallsBackInBudget() {
        gw.sim.script("gpt-4.1-nano", Step.fault(Fault.delay(Duration.ofSeconds(5))));
        long start = System.nanoTime();

        ChatCompletion c = gw.client.chat().completions().create(ask("fast_chat"));

        assertThat(c.model()).isEqualTo("qwen/qwen-turbo");
        // generous bound: the 1 s route budget, not the 5 s the primary would have taken
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void sdkCreate_upstreamSaysInvalidRequest_returns400WithoutFallback() {
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.invalidRequest("Unsupported value: 'temperature'")));

        assertThatThrownBy(() -> gw.client.chat().completions().create(ask("data_extraction")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).hasValue("invalid_request");
                    assertThat(e.headers().values("x-should-retry")).containsExactly("false");
                });
        assertThat(gw.sim.requestsFor("qwen-plus")).isEmpty();
    }

    @Test
    void sdkCreate_credentialsRejected_skipsThatProvidersModelsAndServesFromAnother() {
        HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse().create(ask("guarded"));

        assertThat(raw.parse().model()).isEqualTo("qwen/qwen-max");
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).isEmpty();
        String requestId = header(raw, "X-Junction-Request-Id");
        UsageQueries ledger = gw.flushedLedger();
        assertThat(ledger.findAttempts(requestId)).extracting(AttemptRow::model, AttemptRow::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("backup/gpt-4o-mini", "authentication"),
                org.assertj.core.groups.Tuple.tuple("backup/gpt-4.1-mini", "skipped:credentials-failed"),
                org.assertj.core.groups.Tuple.tuple("qwen/qwen-max", "ok"));
    }

    @Test
    void sdkCreate_everyCandidateRateLimited_returns429WithRetryAfter() {
        gw.sim.scriptAlways("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(2))));
        gw.sim.scriptAlways("qwen-plus", Step.fault(Fault.rateLimited(Duration.ofSeconds(7))));

        assertThatThrownBy(() -> gw.client.chat().completions().create(ask("data_extraction")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).hasValue("upstream_rate_limited");
                    assertThat(e.headers().values("retry-after")).containsExactly("2");
                });
    }

    @Test
    void sdkCreate_unknownModel_returns404UnknownModel() {
        assertThatThrownBy(() -> gw.client.chat().completions().create(ask("no_such_task")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).hasValue("unknown_model"));
    }

    @Test
    void sdkModelsList_listsTasksAndModels() {
        var ids = gw.client.models().list().items().stream().map(m -> m.id()).toList();

        assertThat(ids).contains("data_extraction", "fast_chat", "guarded", "openai/gpt-4.1-mini", "qwen/qwen-plus");
    }

    @Test
    void post_malformedJson_returnsOpenAiShaped400AndKeepsServing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\": ")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\"").contains("\"code\":\"invalid_request\"").contains("\"type\":\"invalid_request_error\"");
        assertThat(gw.client.chat().completions().create(ask("data_extraction")).model()).isEqualTo("openai/gpt-4.1-mini");
    }

    @Test
    void ledger_successAndFailure_eachLeaveOneRowWithAttempts() {
        HttpResponseFor<ChatCompletion> ok = gw.client.chat().completions().withRawResponse().create(
                ChatCompletionCreateParams.builder().model("data_extraction").user("cust-9")
                        .addUserMessage("Extract the invoice number from INV-7").build());
        String okId = header(ok, "X-Junction-Request-Id");
        ok.parse();
        gw.sim.scriptAlways("gpt-4.1-mini", Step.fault(Fault.serverError(500)));
        gw.sim.scriptAlways("qwen-plus", Step.fault(Fault.overloaded()));
        assertThatThrownBy(() -> gw.client.chat().completions().create(ask("data_extraction")))
                .isInstanceOf(com.openai.errors.OpenAIServiceException.class);

        UsageQueries ledger = gw.flushedLedger();

        assertThat(ledger.countUsageRows()).isEqualTo(2);
        UsageRow okRow = ledger.findUsage(okId).orElseThrow();
        assertThat(okRow.status()).isEqualTo("ok");
        assertThat(okRow.customerId()).isEqualTo("cust-9");
        assertThat(okRow.task()).isEqualTo("data_extraction");
        assertThat(okRow.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(okRow.inputTokens()).isPositive();
        assertThat(okRow.costUsd()).isPositive();
        var rows = ledger.summarize(java.util.List.of("status"), null, null);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.keys().get("status")).isEqualTo("error");
            assertThat(r.requests()).isEqualTo(1);
        });
    }

    @Test
    void shutdown_flushesEveryPendingRow() {
        for (int i = 0; i < 50; i++) gw.client.chat().completions().create(ask("data_extraction"));

        assertThat(gw.flushedLedger().countUsageRows()).isEqualTo(50);
    }
}
