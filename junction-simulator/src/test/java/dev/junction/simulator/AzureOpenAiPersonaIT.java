package dev.junction.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.simulator.fault.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Azure variant of the OpenAI persona against reference/providers.md §4.1: URL, api-key, the filter chunk, error bodies. */
class AzureOpenAiPersonaIT {

    private static final String DEPLOYMENT = "my-gpt4o";
    private static final String KEY = "azure-test-key";
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

    private static String url(String deployment, String query) {
        return simulator.azureBaseUrl() + "/openai/deployments/" + deployment + "/chat/completions" + query;
    }

    private static String chat(boolean stream, String model) {
        String modelField = model == null ? "" : "\"model\":\"" + model + "\",";
        return "{" + modelField + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello azure\"}]}";
    }

    private static HttpResponse<String> call(boolean stream) throws Exception {
        return Wire.send(Wire.post(url(DEPLOYMENT, "?api-version=2024-10-21"), chat(stream, null), "api-key", KEY));
    }

    @Test
    void chat_deploymentInPath_namesTheModelWithoutABodyModel() throws Exception {
        simulator.script(DEPLOYMENT, Step.ok("Hello from Azure").withUsage(5, 3));

        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("apim-request-id")).isPresent();
        JsonNode body = Wire.json(response.body());
        assertThat(body.get("choices").get(0).get("message").get("content").asText()).isEqualTo("Hello from Azure");
        assertThat(body.get("usage").get("prompt_tokens").asLong()).isEqualTo(5);
        SeenRequest seen = simulator.requestsFor(DEPLOYMENT).getFirst();
        assertThat(seen.persona()).isEqualTo("azure-openai");
        assertThat(seen.path()).isEqualTo("/azure/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21");
    }

    @Test
    void chat_bodyModelDiffersFromDeployment_thePathWins() throws Exception {
        simulator.script(DEPLOYMENT, Step.ok("deployment answered"));

        HttpResponse<String> response = Wire.send(Wire.post(url(DEPLOYMENT, "?api-version=2024-10-21"),
                chat(false, "gpt-4o"), "api-key", KEY));

        assertThat(Wire.json(response.body()).get("choices").get(0).get("message").get("content").asText())
                .isEqualTo("deployment answered");
        assertThat(simulator.requestsFor("gpt-4o")).isEmpty();
    }

    @Test
    void chat_withoutApiVersion_isAzure404ResourceNotFound() throws Exception {
        simulator.script(DEPLOYMENT, Step.ok("scripted"));

        HttpResponse<String> response = Wire.send(Wire.post(url(DEPLOYMENT, ""), chat(false, null), "api-key", KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response.body())).isEqualTo(Wire.json("{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}"));
        assertThat(Wire.json(call(false).body()).get("choices").get(0).get("message").get("content").asText()).isEqualTo("scripted");
    }

    @Test
    void chat_openAiShapedUrl_isAzure404() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(simulator.azureBaseUrl() + "/chat/completions?api-version=2024-10-21",
                chat(false, DEPLOYMENT), "api-key", KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).isEqualTo("Resource not found");
    }

    @Test
    void auth_bearerInsteadOfApiKey_is401AccessDenied() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(url(DEPLOYMENT, "?api-version=2024-10-21"), chat(false, null),
                "authorization", "Bearer " + KEY));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("401");
        assertThat(error.get("message").asText()).startsWith("Access denied due to invalid subscription key or wrong API endpoint");
        assertThat(error.has("type")).isFalse();
    }

    @Test
    void auth_badKey_is401AccessDenied() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(url(DEPLOYMENT, "?api-version=2024-10-21"), chat(false, null),
                "api-key", "bad-key"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).startsWith("Access denied");
    }

    @Test
    void stream_startsWithThePromptFilterChunkThenOpenAiChunks() throws Exception {
        simulator.script(DEPLOYMENT, Step.ok("Hi there"));

        HttpResponse<String> response = call(true);

        List<String> events = Wire.events(response.body(), "\n\n");
        JsonNode filter = Wire.json(events.getFirst().substring("data: ".length()));
        assertThat(filter.get("choices").isArray()).isTrue();
        assertThat(filter.get("choices").isEmpty()).isTrue();
        assertThat(filter.get("id").asText()).isEmpty();
        assertThat(filter.get("model").asText()).isEmpty();
        assertThat(filter.get("created").asLong()).isZero();
        assertThat(filter.get("prompt_filter_results").get(0).get("content_filter_results").get("hate").get("filtered").asBoolean())
                .isFalse();
        assertThat(filter.has("usage")).isFalse();
        JsonNode role = Wire.json(events.get(1).substring("data: ".length()));
        assertThat(role.get("model").asText()).isEqualTo(DEPLOYMENT);
        assertThat(role.get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void contentFiltered_is400ContentFilterWithInnerError() throws Exception {
        simulator.script(DEPLOYMENT, Step.fault(Fault.contentFiltered()));

        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("content_filter");
        assertThat(error.get("type").isNull()).isTrue();
        assertThat(error.get("param").asText()).isEqualTo("prompt");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        JsonNode inner = error.get("innererror");
        assertThat(inner.get("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(inner.get("content_filter_result").get("hate").get("filtered").asBoolean()).isTrue();
        assertThat(inner.get("content_filter_result").get("violence").get("severity").asText()).isEqualTo("medium");
    }

    @Test
    void rateLimited_isAzure429WithStringCodeNoTypeAndRetryAfter() throws Exception {
        simulator.script(DEPLOYMENT, Step.fault(Fault.rateLimited(Duration.ofSeconds(6))));

        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("6");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("6000");
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("code").isTextual()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo("429");
        assertThat(error.has("type")).isFalse();
        assertThat(error.get("message").asText()).contains("exceeded token rate limit").contains("Please retry after 6 seconds");
    }

    @Test
    void modelNotFound_isDeploymentNotFound404() throws Exception {
        simulator.script(DEPLOYMENT, Step.fault(Fault.modelNotFound()));

        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response.body()).get("error").get("code").asText()).isEqualTo("DeploymentNotFound");
    }

    @Test
    void otherKinds_keepOpenAiBodies() throws Exception {
        simulator.script(DEPLOYMENT, Step.fault(Fault.contextTooLong()));

        HttpResponse<String> response = call(false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).get("error").get("code").asText()).isEqualTo("context_length_exceeded");
    }

    @Test
    void openAiPersona_isUnchangedByTheAzureVariant() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions",
                chat(true, "gpt-sim"), "authorization", "Bearer sk-test"));

        JsonNode first = Wire.json(Wire.events(response.body(), "\n\n").getFirst().substring("data: ".length()));
        assertThat(first.get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(response.body()).doesNotContain("prompt_filter_results");
    }
}
