package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.report.AttemptRow;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policy features over real HTTP: hedging, retries honouring retry-after, breakers and explain. */
class PolicyIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              hedged:
                primary: openai/gpt-4.1
                fallback: [qwen/qwen-plus]
                hedgeAfterMs: 200
                maxLatencyMs: 8000
              patient:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                retries: 1
                maxLatencyMs: 5000
              chat:
                primary: openai/gpt-4o-mini
                fallback: [qwen/qwen-turbo]
              long_input:
                primary: qwen/qwen-max
                fallback: [openai/gpt-4.1]
              weighted:
                primary: [{model: openai/gpt-4.1-mini, weight: 50}, {model: qwen/qwen-plus, weight: 50}]
                sticky: true
            models:
              qwen/qwen-max: { contextWindow: 2000, capabilities: [streaming] }
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    GatewayFixture gw;

    @BeforeEach void start() throws Exception { gw = new GatewayFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    private HttpResponseFor<ChatCompletion> ask(String task) {
        return gw.client.chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder().model(task).addUserMessage("hello").build());
    }

    @Test
    void hedge_primarySilentPastHedgeAfter_secondStartsWinsAndPrimaryIsCancelled() throws Exception {
        gw.sim.script("gpt-4.1", Step.ok("slow").withDelay(Duration.ofSeconds(4)));
        long start = System.nanoTime();

        HttpResponseFor<ChatCompletion> raw = ask("hedged");

        assertThat(raw.parse().model()).isEqualTo("qwen/qwen-plus");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(raw.headers().values("X-Junction-Attempts")).containsExactly("2");
        SeenRequest primary = gw.sim.requestsFor("gpt-4.1").getFirst();
        assertThat(primary.awaitClientDisconnected(Duration.ofSeconds(5))).as("the losing upstream request is cancelled").isTrue();
        String id = raw.headers().values("X-Junction-Request-Id").getFirst();
        assertThat(gw.flushedLedger().findAttempts(id)).extracting(AttemptRow::model, AttemptRow::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("openai/gpt-4.1", "cancelled"),
                org.assertj.core.groups.Tuple.tuple("qwen/qwen-plus", "ok"));
    }

    @Test
    void hedge_primaryAnswersBeforeHedgeAfter_noSecondCall() {
        HttpResponseFor<ChatCompletion> raw = ask("hedged");

        assertThat(raw.parse().model()).isEqualTo("openai/gpt-4.1");
        assertThat(gw.sim.requestsFor("qwen-plus")).isEmpty();
    }

    @Test
    void retries_rateLimitWithRetryAfterOne_thenOk_sameModelServesAfterTheWait() {
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
        long start = System.nanoTime();

        HttpResponseFor<ChatCompletion> raw = ask("patient");

        assertThat(raw.parse().model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(raw.headers().values("X-Junction-Fallback")).containsExactly("false");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).hasSize(2);
        assertThat(gw.sim.requestsFor("qwen-plus")).isEmpty();
    }

    @Test
    void breaker_fiveServerErrors_opensAndHealthEndpointShowsIt() throws Exception {
        gw.sim.scriptAlways("gpt-4o-mini", Step.fault(Fault.serverError(500)));
        for (int i = 0; i < 5; i++) ask("chat").parse();

        HttpResponseFor<ChatCompletion> sixth = ask("chat");

        assertThat(sixth.parse().model()).isEqualTo("qwen/qwen-turbo");
        assertThat(gw.sim.requestsFor("gpt-4o-mini")).hasSize(5);
        JsonNode health = get("/v1/junction/health");
        assertThat(health.path("models")).anySatisfy(m -> {
            assertThat(m.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(m.path("state").asText()).isEqualTo("open");
        });
        String id = sixth.headers().values("X-Junction-Request-Id").getFirst();
        assertThat(gw.flushedLedger().findAttempts(id).getFirst().outcome()).isEqualTo("skipped:circuit-open");
    }

    @Test
    void explain_sameBodyAsChat_listsCandidatesWithBudgetsWithoutCallingAnyone() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/junction/explain"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"patient\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode body = new ObjectMapper().readTree(res.body());
        assertThat(body.path("task").asText()).isEqualTo("patient");
        assertThat(body.path("candidates")).extracting(c -> c.path("model").asText() + " " + c.path("decision").asText() + " " + c.path("budgetMs").asLong())
                .containsExactly("openai/gpt-4.1-mini try 2500", "qwen/qwen-plus try 2500");
        assertThat(gw.sim.requests()).isEmpty();
    }

    @Test
    void planner_promptLargerThanTheWindow_skipsThatModelWithoutCallingIt() {
        String big = "word ".repeat(4_000); // ~5,000 tokens: more than qwen-max's 2,000-token window here

        HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder().model("long_input").addUserMessage(big).build());

        assertThat(raw.parse().model()).isEqualTo("openai/gpt-4.1");
        assertThat(gw.sim.requestsFor("qwen-max")).isEmpty();
        String id = raw.headers().values("X-Junction-Request-Id").getFirst();
        assertThat(gw.flushedLedger().findAttempts(id)).extracting(AttemptRow::outcome)
                .containsExactly("skipped:context-too-small", "ok");
    }

    @Test
    void planner_toolsOnAModelWithoutThem_skipsItWithoutCallingIt() {
        var params = ChatCompletionCreateParams.builder().model("long_input").addUserMessage("find invoice 7")
                .addTool(com.openai.models.chat.completions.ChatCompletionFunctionTool.builder()
                        .function(com.openai.models.FunctionDefinition.builder().name("lookup").build()).build())
                .build();

        ChatCompletion c = gw.client.chat().completions().create(params);

        assertThat(c.model()).isEqualTo("openai/gpt-4.1");
        assertThat(gw.sim.requestsFor("qwen-max")).isEmpty();
    }

    @Test
    void weighted_stickyRoute_sameCustomerAlwaysServedByTheSamePrimary() {
        java.util.Set<String> served = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            served.add(gw.client.chat().completions().create(ChatCompletionCreateParams.builder().model("weighted")
                    .addUserMessage("hello").user("acme").build()).model());
        }

        assertThat(served).hasSize(1);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(res.body());
    }
}
