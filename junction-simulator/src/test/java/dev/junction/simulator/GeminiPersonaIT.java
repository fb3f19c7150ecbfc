package dev.junction.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.simulator.fault.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Gemini persona against reference/providers.md §3: bodies, alt=sse chunks, google.rpc.Status errors. */
class GeminiPersonaIT {

    private static final String MODEL = "gemini-sim";
    private static final String SSE_SEPARATOR = "\r\n\r\n";
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

    private static String request(String userText) {
        return "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + userText + "\"}]}]}";
    }

    private static HttpResponse<String> generate(String model, String body) throws Exception {
        return Wire.send(Wire.post(simulator.geminiBaseUrl() + "/v1beta/models/" + model + ":generateContent", body,
                "x-goog-api-key", "AIza-test"));
    }

    private static HttpResponse<String> stream(String body) throws Exception {
        return Wire.send(Wire.post(simulator.geminiBaseUrl() + "/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
                body, "x-goog-api-key", "AIza-test"));
    }

    private static List<JsonNode> chunks(String body) {
        return Wire.events(body, SSE_SEPARATOR).stream().map(e -> {
            assertThat(e).startsWith("data: ").doesNotContain("\n");
            return Wire.json(e.substring(6));
        }).toList();
    }

    @Test
    void generate_unscripted_returnsCandidateWithStopUsageAndModelVersion() throws Exception {
        HttpResponse<String> response = generate(MODEL, request("Name three colours of the rainbow for me"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        JsonNode body = Wire.json(response.body());
        JsonNode candidate = body.get("candidates").get(0);
        assertThat(candidate.get("content").get("role").asText()).isEqualTo("model");
        assertThat(candidate.get("content").get("parts").get(0).get("text").asText())
                .isEqualTo("Simulated reply from gemini-sim: Name three colours of the rainbow for me");
        assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
        assertThat(body.get("modelVersion").asText()).isEqualTo(MODEL);
        JsonNode usage = body.get("usageMetadata");
        // "Be brief." (9) + user text (40) = 49 chars -> 13 tokens
        assertThat(usage.get("promptTokenCount").asLong()).isEqualTo(13);
        assertThat(usage.get("totalTokenCount").asLong())
                .isEqualTo(usage.get("promptTokenCount").asLong() + usage.get("candidatesTokenCount").asLong());
    }

    @Test
    void stream_altSse_sendsWordChunksWithCrlfSeparatorsAndFinalUsageLast() throws Exception {
        simulator.script(MODEL, Step.ok("Bonjour le monde").withUsage(9, 3));

        HttpResponse<String> response = stream(request("hi"));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("}" + SSE_SEPARATOR).doesNotContain("[DONE]").doesNotContain("event:");
        List<JsonNode> chunks = chunks(response.body());
        assertThat(chunks).hasSize(3);
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("modelVersion").asText()).isEqualTo(MODEL);
            assertThat(chunk.get("responseId").asText()).isEqualTo(chunks.getFirst().get("responseId").asText());
            text.append(chunk.get("candidates").get(0).get("content").get("parts").get(0).get("text").asText());
        }
        assertThat(text.toString()).isEqualTo("Bonjour le monde");
        assertThat(chunks.getFirst().get("candidates").get(0).has("finishReason")).isFalse();
        assertThat(chunks.getFirst().get("usageMetadata").toString()).isEqualTo("{\"promptTokenCount\":9,\"totalTokenCount\":9}");
        JsonNode last = chunks.getLast();
        assertThat(last.get("candidates").get(0).get("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.get("usageMetadata").get("candidatesTokenCount").asLong()).isEqualTo(3);
        assertThat(last.get("usageMetadata").get("totalTokenCount").asLong()).isEqualTo(12);
        assertThat(simulator.requests().getFirst().stream()).isTrue();
        assertThat(simulator.requests().getFirst().model()).isEqualTo(MODEL);
    }

    @Test
    void toolCall_arrivesWholeInOneChunkWithArgsObjectAndThoughtSignature() throws Exception {
        simulator.script(MODEL, Step.toolCall("lookup", "{\"q\":\"cat\"}"));

        List<JsonNode> chunks = chunks(stream(request("x")).body());

        assertThat(chunks).hasSize(1);
        JsonNode candidate = chunks.getFirst().get("candidates").get(0);
        JsonNode part = candidate.get("content").get("parts").get(0);
        assertThat(part.get("functionCall").get("name").asText()).isEqualTo("lookup");
        assertThat(part.get("functionCall").get("args").get("q").asText()).isEqualTo("cat");
        assertThat(part.get("thoughtSignature").asText()).isNotBlank();
        assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void refusal_isSafetyFinishWithoutContent() throws Exception {
        simulator.script(MODEL, Step.refusal());

        JsonNode candidate = Wire.json(generate(MODEL, request("x")).body()).get("candidates").get(0);

        assertThat(candidate.get("finishReason").asText()).isEqualTo("SAFETY");
        assertThat(candidate.has("content")).isFalse();
    }

    @Test
    void contentFiltered_isA200WithPromptFeedbackAndNoCandidates() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.contentFiltered()));

        HttpResponse<String> response = generate(MODEL, request("x"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Wire.json(response.body());
        assertThat(body.get("promptFeedback").get("blockReason").asText()).isEqualTo("SAFETY");
        assertThat(body.has("candidates")).isFalse();
    }

    static Stream<Arguments> errorKinds() {
        return Stream.of(
                Arguments.of(Fault.rateLimited(Duration.ofMillis(1500)), 429, "RESOURCE_EXHAUSTED"),
                Arguments.of(Fault.quotaExhausted(), 429, "RESOURCE_EXHAUSTED"),
                Arguments.of(Fault.overloaded(), 503, "UNAVAILABLE"),
                Arguments.of(Fault.serverError(500), 500, "INTERNAL"),
                Arguments.of(Fault.serverError(504), 504, "DEADLINE_EXCEEDED"),
                Arguments.of(Fault.contextTooLong(), 400, "INVALID_ARGUMENT"),
                Arguments.of(Fault.invalidRequest("bad schema"), 400, "INVALID_ARGUMENT"),
                Arguments.of(Fault.unauthorized(), 400, "INVALID_ARGUMENT"),
                Arguments.of(Fault.modelNotFound(), 404, "NOT_FOUND"));
    }

    @ParameterizedTest
    @MethodSource("errorKinds")
    void error_eachKind_isAGoogleRpcStatusBody(Fault kind, int status, String rpcStatus) throws Exception {
        simulator.script(MODEL, Step.fault(kind));

        HttpResponse<String> response = generate(MODEL, request("x"));

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("status").asText()).isEqualTo(rpcStatus);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void rateLimited_hasRetryInfoAndOnlyPerMinuteQuotaIds() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.rateLimited(Duration.ofMillis(1500))));

        JsonNode details = Wire.json(generate(MODEL, request("x")).body()).get("error").get("details");

        assertThat(detail(details, "RetryInfo").get("retryDelay").asText()).isEqualTo("1.5s");
        JsonNode violations = detail(details, "QuotaFailure").get("violations");
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.get("quotaId").asText()).contains("PerMinute"));
    }

    @Test
    void quotaExhausted_hasAPerDayQuotaId() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.quotaExhausted()));

        JsonNode details = Wire.json(generate(MODEL, request("x")).body()).get("error").get("details");

        assertThat(detail(details, "QuotaFailure").get("violations").get(0).get("quotaId").asText()).contains("PerDay");
    }

    @Test
    void badKey_is400ApiKeyInvalid() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(simulator.geminiBaseUrl() + "/v1beta/models/" + MODEL
                + ":generateContent", request("x"), "x-goog-api-key", "bad-key"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(detail(error.get("details"), "ErrorInfo").get("reason").asText()).isEqualTo("API_KEY_INVALID");
    }

    @Test
    void missingKey_is403PermissionDenied_andQueryKeyIsAccepted() throws Exception {
        String url = simulator.geminiBaseUrl() + "/v1beta/models/" + MODEL + ":generateContent";

        HttpResponse<String> missing = Wire.send(Wire.post(url, request("x")));
        HttpResponse<String> viaQuery = Wire.send(Wire.post(url + "?key=AIza-test", request("x")));

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(Wire.json(missing.body()).get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(viaQuery.statusCode()).isEqualTo(200);
    }

    @Test
    void errorEventAfter_stream_sendsAnErrorChunkAfterContent() throws Exception {
        simulator.script(MODEL, Step.ok("one two three").withFault(Fault.errorEventAfter(1, Fault.overloaded())));

        List<JsonNode> chunks = chunks(stream(request("x")).body());

        assertThat(chunks).hasSize(2);
        assertThat(chunks.getLast().get("error").get("status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void gemini3_functionCallWithoutThoughtSignature_is400() throws Exception {
        String history = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"result\":\"ok\"}}}]}]}";

        HttpResponse<String> gemini3 = generate("gemini-3-pro-preview", history);
        HttpResponse<String> older = generate("gemini-2.5-flash", history);

        assertThat(gemini3.statusCode()).isEqualTo(400);
        assertThat(Wire.json(gemini3.body()).get("error").get("message").asText()).contains("thought_signature");
        assertThat(older.statusCode()).isEqualTo(200);
    }

    @Test
    void streamWithoutAltSse_isOneStreamedJsonArray() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(simulator.geminiBaseUrl() + "/v1beta/models/" + MODEL
                + ":streamGenerateContent", request("a b c"), "x-goog-api-key", "k"));

        JsonNode array = Wire.json(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(1);
        assertThat(array.get(array.size() - 1).get("candidates").get(0).get("finishReason").asText()).isEqualTo("STOP");
    }

    private static JsonNode detail(JsonNode details, String type) {
        for (JsonNode detail : details) {
            if (detail.get("@type").asText().equals("type.googleapis.com/google.rpc." + type)) return detail;
        }
        throw new AssertionError("no " + type + " in " + details);
    }

    @Test
    void truncateAfterEvents_stream_neverSendsTheChunkWithFinishReason() throws Exception {
        simulator.script(MODEL, Step.ok("one two three").withFault(Fault.truncateAfterEvents(100)));

        List<JsonNode> chunks = chunks(stream(request("x")).body());

        assertThat(chunks).hasSize(2).noneSatisfy(c -> assertThat(c.get("candidates").get(0).has("finishReason")).isTrue());
    }
}
