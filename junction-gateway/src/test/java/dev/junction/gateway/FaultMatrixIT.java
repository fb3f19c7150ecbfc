package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.report.AttemptRow;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One route through every failure kind of the primary, over real HTTP: what the caller gets, what the
 * ledger says of the primary's attempt, and which upstreams the simulator saw.
 */
class FaultMatrixIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              matrix:
                primary: openai/gpt-4o
                fallback: [qwen/qwen-plus]
                maxLatencyMs: 2000
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    static Stream<Arguments> faults() {
        return Stream.of(
                // fault on the primary,                         primary's outcome,  caller's status, fallback called
                Arguments.of("rate limited", Fault.rateLimited(Duration.ofSeconds(1)), "rate_limited", 200, true),
                Arguments.of("overloaded", Fault.overloaded(), "overloaded", 200, true),
                Arguments.of("server error", Fault.serverError(500), "server_error", 200, true),
                Arguments.of("bad gateway", Fault.serverError(502), "server_error", 200, true),
                Arguments.of("silent past its share", Fault.delay(Duration.ofSeconds(5)), "timeout", 200, true),
                Arguments.of("connection reset", Fault.reset(), "connection", 200, true),
                Arguments.of("malformed body", Fault.malformedBody(), "server_error", 200, true),
                Arguments.of("key rejected", Fault.unauthorized(), "authentication", 200, true),
                Arguments.of("quota exhausted", Fault.quotaExhausted(), "quota_exhausted", 200, true),
                Arguments.of("model not found", Fault.modelNotFound(), "model_not_found", 200, true),
                Arguments.of("context too long", Fault.contextTooLong(), "context_too_long", 200, true),
                Arguments.of("invalid request", Fault.invalidRequest("Invalid 'messages[0].role'"), "invalid_request", 400, false),
                Arguments.of("content filtered", Fault.contentFiltered(), "content_refused", 400, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void primaryFails_callerOutcomeLedgerAndUpstreamsFollowThePolicy(String name, Fault fault, String primaryOutcome,
                                                                     int callerStatus, boolean fallbackCalled) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(CONFIG)) {
            gw.sim.script("gpt-4o", Step.fault(fault));

            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"matrix\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(res.statusCode()).as(res.body()).isEqualTo(callerStatus);
            if (callerStatus == 200) {
                assertThat(res.headers().firstValue("X-Junction-Model")).hasValue("qwen/qwen-plus");
                assertThat(res.headers().firstValue("X-Junction-Fallback")).hasValue("true");
            } else {
                assertThat(res.body()).startsWith("{\"error\":");
                assertThat(res.headers().firstValue("x-should-retry")).hasValue("false");
            }
            assertThat(gw.sim.requestsFor("qwen-plus")).hasSize(fallbackCalled ? 1 : 0);
            String id = res.headers().firstValue("X-Junction-Request-Id").orElseThrow();
            List<AttemptRow> attempts = gw.flushedLedger().findAttempts(id);
            assertThat(attempts.getFirst().model()).isEqualTo("openai/gpt-4o");
            assertThat(attempts.getFirst().outcome()).isEqualTo(primaryOutcome);
            assertThat(attempts).hasSize(fallbackCalled ? 2 : 1);
        }
    }
}
