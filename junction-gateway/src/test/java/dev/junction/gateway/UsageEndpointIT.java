package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.route.ModelId;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/junction/usage} over a gateway that served real requests through the simulator. */
class UsageEndpointIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              data_extraction:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                maxLatencyMs: 4000
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayFixture gw;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Double> miniCosts = new ArrayList<>();

    @BeforeEach void start() throws Exception { gw = new GatewayFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    /** Two requests served by the primary, one by the fallback after the primary's 429. */
    private void serveThree() {
        for (int i = 0; i < 2; i++) {
            HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse().create(ask());
            raw.parse();
            miniCosts.add(Double.parseDouble(raw.headers().values("X-Junction-Cost-Usd").getFirst()));
        }
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
        assertThat(gw.client.chat().completions().create(ask()).model()).isEqualTo("qwen/qwen-plus");
    }

    private static ChatCompletionCreateParams ask() {
        return ChatCompletionCreateParams.builder().model("data_extraction").user("acme")
                .addUserMessage("Extract the invoice number from INV-7").build();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/junction/usage" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The writer stores rows within its flush interval; poll (generously) until all three are readable. */
    private JsonNode awaitRows(String query, int requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> r = get(query);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            int seen = 0;
            for (JsonNode row : body.path("rows")) seen += row.path("requests").asInt();
            if (seen >= requests) return body;
            if (System.nanoTime() > deadline) Assertions.fail("usage rows did not arrive: " + r.body());
            Thread.sleep(20);
        }
    }

    @Test
    void usage_groupByTaskAndModel_answersTheDocumentedShape() throws Exception {
        serveThree();

        JsonNode body = awaitRows("?groupBy=task,model&since=1h", 3);

        assertThat(body.path("groupBy").toString()).isEqualTo("[\"task\",\"model\"]");
        JsonNode rows = body.path("rows");
        assertThat(rows).hasSize(2);
        JsonNode mini = rows.get(0);
        assertThat(mini.path("task").asText()).isEqualTo("data_extraction");
        assertThat(mini.path("model").asText()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(mini.path("requests").asLong()).isEqualTo(2);
        assertThat(mini.path("inputTokens").asLong()).isPositive();
        assertThat(mini.path("outputTokens").asLong()).isPositive();
        // the ledger's cost is the sum of what each response said it cost
        assertThat(mini.path("costUsd").asDouble()).isCloseTo(miniCosts.get(0) + miniCosts.get(1), within(1e-9));
        assertThat(mini.path("errors").asLong()).isZero();
        assertThat(mini.path("fallbacks").asLong()).isZero();
        assertThat(mini.path("p95LatencyMs").asLong()).isGreaterThanOrEqualTo(mini.path("p50LatencyMs").asLong());
        JsonNode qwen = rows.get(1);
        assertThat(qwen.path("model").asText()).isEqualTo("qwen/qwen-plus");
        assertThat(qwen.path("requests").asLong()).isEqualTo(1);
        assertThat(qwen.path("fallbacks").asLong()).isEqualTo(1);
        assertThat(mini.fieldNames()).toIterable().containsExactly("task", "model", "requests", "inputTokens",
                "outputTokens", "costUsd", "errors", "fallbacks", "p50LatencyMs", "p95LatencyMs");
    }

    @Test
    void usage_viewFallbacks_namesTheCause() throws Exception {
        serveThree();
        awaitRows("", 3);

        JsonNode row = JSON.readTree(get("?view=fallbacks").body()).path("rows").get(0);

        assertThat(row.path("task").asText()).isEqualTo("data_extraction");
        assertThat(row.path("requests").asLong()).isEqualTo(3);
        assertThat(row.path("fallbacks").asLong()).isEqualTo(1);
        assertThat(row.path("causes").toString()).isEqualTo("{\"rate_limited\":1}");
    }

    @Test
    void usage_formatCsv_headerThenOneLinePerGroup() throws Exception {
        serveThree();
        awaitRows("?groupBy=customer", 3);

        HttpResponse<String> r = get("?groupBy=customer&format=csv");

        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = r.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("customer,requests,inputTokens,outputTokens,costUsd,errors,fallbacks,p50LatencyMs,p95LatencyMs");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("acme,3,");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "since=yesterday          | since",
            "until=2025-13-40         | until",
            "groupBy=region           | groupBy",
            "view=everything          | view",
            "view=errors&groupBy=task | groupBy",
            "limit=-3                 | limit",
            "format=xml               | format",
            "group_by=task            | group_by",
    })
    void usage_badParameter_openAiShaped400NamingIt(String query, String param) throws Exception {
        HttpResponse<String> r = get("?" + query);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_request");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void usage_isoBoundsEncoded_accepted() throws Exception {
        String since = URLEncoder.encode("2025-03-01T10:30:00+02:00", StandardCharsets.UTF_8);

        HttpResponse<String> r = get("?since=" + since + "&until=2099-01-01");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("since").asText()).isEqualTo("2025-03-01T08:30:00Z");
    }

    @Test
    void ledgerRow_servedModel_keepsTheCatalogPricesItWasCostedAt() {
        HttpResponseFor<ChatCompletion> raw = gw.client.chat().completions().withRawResponse().create(ask());
        String id = raw.headers().values("X-Junction-Request-Id").getFirst();
        raw.parse();
        var catalogPrices = gw.junction.config().catalog().lookup(ModelId.parse("openai/gpt-4.1-mini")).prices();

        UsageQueries ledger = gw.flushedLedger();

        assertThat(catalogPrices).isNotNull();
        assertThat(ledger.findUsage(id)).hasValueSatisfying(row -> assertThat(row.prices()).isEqualTo(catalogPrices));
    }
}
