package dev.junction.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.simulator.fault.Fault;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripting and recording, independent of any one wire format. */
class SimulatorIT {

    private static Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Simulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clean() {
        simulator.reset();
    }

    private static HttpResponse<String> call(String model) throws Exception {
        return Wire.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer sk-test", "X-Stainless-Retry-Count", "0"));
    }

    private static String content(HttpResponse<String> response) {
        return Wire.json(response.body()).get("choices").get(0).get("message").get("content").asText();
    }

    @Test
    void script_stepsAreConsumedInOrderThenTheDefaultResumes() throws Exception {
        simulator.script("m1", Step.fault(Fault.rateLimited(java.time.Duration.ofSeconds(1))), Step.ok("second"));

        assertThat(call("m1").statusCode()).isEqualTo(429);
        assertThat(content(call("m1"))).isEqualTo("second");
        assertThat(content(call("m1"))).startsWith("Simulated reply from m1");
    }

    @Test
    void script_isPerModel() throws Exception {
        simulator.script("m1", Step.ok("for m1"));

        assertThat(content(call("m2"))).startsWith("Simulated reply from m2");
        assertThat(content(call("m1"))).isEqualTo("for m1");
    }

    @Test
    void scriptAlways_appliesAfterQueuedSteps() throws Exception {
        simulator.scriptAlways("m1", Step.fault(Fault.overloaded()));
        simulator.script("m1", Step.ok("first"));

        assertThat(content(call("m1"))).isEqualTo("first");
        assertThat(call("m1").statusCode()).isEqualTo(503);
        assertThat(call("m1").statusCode()).isEqualTo(503);
    }

    @Test
    void requests_recordPersonaPathLowerCaseHeadersBodyModelAndStream() throws Exception {
        call("m1");

        SeenRequest seen = simulator.requests().getFirst();
        assertThat(seen.persona()).isEqualTo("openai");
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(seen.headers()).containsEntry("authorization", "Bearer sk-test").containsEntry("x-stainless-retry-count", "0");
        assertThat(seen.header("X-Stainless-Retry-Count")).isEqualTo("0");
        assertThat(seen.bodyText()).contains("\"model\":\"m1\"");
        assertThat(seen.model()).isEqualTo("m1");
        assertThat(seen.stream()).isFalse();
    }

    @Test
    void reset_clearsScriptsAndRecordedRequests() throws Exception {
        simulator.script("m1", Step.ok("scripted"));
        call("m2");

        simulator.reset();

        assertThat(simulator.requests()).isEmpty();
        assertThat(content(call("m1"))).startsWith("Simulated reply");
    }

    @Test
    void unknownPrefix_isAPlain404() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post("http://127.0.0.1:" + simulator.port() + "/nowhere", "{}"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void baseUrls_pointAtTheLoopbackPort() {
        String root = "http://127.0.0.1:" + simulator.port();
        assertThat(simulator.openAiBaseUrl()).isEqualTo(root + "/openai/v1");
        assertThat(simulator.anthropicBaseUrl()).isEqualTo(root + "/anthropic");
        assertThat(simulator.geminiBaseUrl()).isEqualTo(root + "/gemini");
    }

    @Test
    void defaultJdkClient_offeringH2cUpgrade_isServedOverHttp11() throws Exception {
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newHttpClient();

        HttpResponse<String> response = http2.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions",
                        "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "authorization", "Bearer k")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    }
}
