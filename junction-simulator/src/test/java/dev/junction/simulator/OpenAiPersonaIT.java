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

/** The OpenAI persona against reference/providers.md §1: bodies, SSE framing, errors, headers. */
class OpenAiPersonaIT {

    private static final String MODEL = "gpt-sim";
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

    private static String chat(boolean stream, boolean includeUsage, String userText) {
        String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream + options + ",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + userText + "\"}]}]}";
    }

    private static HttpResponse<String> call(String body) throws Exception {
        return Wire.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions", body, "authorization", "Bearer sk-test"));
    }

    @Test
    void chat_unscripted_echoesTheLastUserMessageWithEstimatedUsage() throws Exception {
        HttpResponse<String> response = call(chat(false, false, "Hello there, how are you today my good friend?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.headers().firstValue("openai-version")).hasValue("2020-10-01");
        JsonNode body = Wire.json(response.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo(MODEL);
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("message").get("content").asText())
                .isEqualTo("Simulated reply from gpt-sim: Hello there, how are you today my good");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        // "Be brief." (9) + the user text (47) = 56 chars -> 14 tokens
        assertThat(body.get("usage").get("prompt_tokens").asLong()).isEqualTo(14);
        long replyChars = choice.get("message").get("content").asText().length();
        assertThat(body.get("usage").get("completion_tokens").asLong()).isEqualTo((replyChars + 3) / 4);
        assertThat(body.get("usage").get("total_tokens").asLong()).isEqualTo(14 + (replyChars + 3) / 4);
    }

    @Test
    void stream_withIncludeUsage_isByteExactDataEventsEndingWithUsageThenDone() throws Exception {
        simulator.script(MODEL, Step.ok("Hello world").withUsage(7, 2));

        HttpResponse<String> response = call(chat(true, true, "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        JsonNode first = Wire.json(response.body().substring("data: ".length(), response.body().indexOf('\n')));
        String head = "{\"id\":\"" + first.get("id").asText() + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                + first.get("created").asLong() + ",\"model\":\"gpt-sim\",\"system_fingerprint\":\"fp_simulator\",";
        String expected = ""
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
                + "data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n";
        assertThat(response.body()).isEqualTo(expected);
        assertThat(first.get("id").asText()).startsWith("chatcmpl-");
    }

    @Test
    void stream_withoutIncludeUsage_hasNoUsageChunkAndSeveralWordEvents() throws Exception {
        HttpResponse<String> response = call(chat(true, false, "tell me a story about a cat"));

        List<String> events = Wire.events(response.body(), "\n\n");
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: ").doesNotContain("\n"));
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        assertThat(response.body()).doesNotContain("\"usage\"").doesNotContain("event:");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Wire.json(event.substring(6));
            assertThat(chunk.get("model").asText()).isEqualTo(MODEL);
            text.append(chunk.get("choices").get(0).get("delta").path("content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Simulated reply from gpt-sim: tell me a story about a cat");
        assertThat(events.size()).isGreaterThan(5);
        JsonNode finish = Wire.json(events.get(events.size() - 2).substring(6)).get("choices").get(0);
        assertThat(finish.get("delta").isEmpty()).isTrue();
        assertThat(finish.get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void toolCall_nonStream_returnsToolCallsWithStringArguments() throws Exception {
        simulator.script(MODEL, Step.toolCall("lookup", "{\"q\":\"cat\"}"));

        JsonNode choice = Wire.json(call(chat(false, false, "find cats")).body()).get("choices").get(0);

        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.get("message").get("content").isNull()).isTrue();
        JsonNode tool = choice.get("message").get("tool_calls").get(0);
        assertThat(tool.get("id").asText()).startsWith("call_");
        assertThat(tool.get("type").asText()).isEqualTo("function");
        assertThat(tool.get("function").get("name").asText()).isEqualTo("lookup");
        assertThat(tool.get("function").get("arguments").isTextual()).isTrue();
        assertThat(tool.get("function").get("arguments").asText()).isEqualTo("{\"q\":\"cat\"}");
    }

    @Test
    void toolCall_stream_sendsIdAndNameFirstThenArgumentFragments() throws Exception {
        String arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        simulator.script(MODEL, Step.toolCall("get_weather", arguments));

        List<String> events = Wire.events(call(chat(true, false, "weather?")).body(), "\n\n");

        JsonNode first = Wire.json(events.getFirst().substring(6)).get("choices").get(0).get("delta");
        assertThat(first.get("role").asText()).isEqualTo("assistant");
        JsonNode start = first.get("tool_calls").get(0);
        assertThat(start.get("index").asInt()).isZero();
        assertThat(start.get("id").asText()).startsWith("call_");
        assertThat(start.get("function").get("name").asText()).isEqualTo("get_weather");
        assertThat(start.get("function").get("arguments").asText()).isEmpty();
        StringBuilder joined = new StringBuilder();
        int fragments = 0;
        for (String event : events.subList(1, events.size() - 2)) {
            JsonNode call = Wire.json(event.substring(6)).get("choices").get(0).get("delta").get("tool_calls").get(0);
            assertThat(call.has("id")).isFalse();
            joined.append(call.get("function").get("arguments").asText());
            fragments++;
        }
        assertThat(fragments).isGreaterThan(1);
        assertThat(joined.toString()).isEqualTo(arguments);
        assertThat(Wire.json(events.get(events.size() - 2).substring(6)).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void refusal_answersContentFilterOnA200() throws Exception {
        simulator.script(MODEL, Step.refusal(), Step.refusal());

        JsonNode plain = Wire.json(call(chat(false, false, "x")).body()).get("choices").get(0);
        List<String> events = Wire.events(call(chat(true, false, "x")).body(), "\n\n");

        assertThat(plain.get("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(Wire.json(events.get(events.size() - 2).substring(6)).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo("content_filter");
    }

    static Stream<Arguments> errorKinds() {
        return Stream.of(
                Arguments.of(Fault.rateLimited(Duration.ofMillis(1500)), 429, "requests", "rate_limit_exceeded"),
                Arguments.of(Fault.quotaExhausted(), 429, "insufficient_quota", "insufficient_quota"),
                Arguments.of(Fault.overloaded(), 503, "server_error", null),
                Arguments.of(Fault.serverError(500), 500, "server_error", null),
                Arguments.of(Fault.serverError(502), 502, "server_error", null),
                Arguments.of(Fault.contextTooLong(), 400, "invalid_request_error", "context_length_exceeded"),
                Arguments.of(Fault.invalidRequest("Unsupported parameter: 'max_tokens'"), 400, "invalid_request_error", null),
                Arguments.of(Fault.unauthorized(), 401, "invalid_request_error", "invalid_api_key"),
                Arguments.of(Fault.modelNotFound(), 404, "invalid_request_error", "model_not_found"));
    }

    @ParameterizedTest
    @MethodSource("errorKinds")
    void error_eachKind_hasStatusAndTheErrorWrapperWithTypeAndCode(Fault kind, int status, String type, String code)
            throws Exception {
        simulator.script(MODEL, Step.fault(kind));

        HttpResponse<String> response = call(chat(false, false, "x"));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("message", "type", "param", "code");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").isNull() ? null : error.get("code").asText()).isEqualTo(code);
    }

    @Test
    void rateLimited_carriesRetryAfterAndRateLimitHeaders() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.rateLimited(Duration.ofMillis(1500))));

        HttpResponse<String> response = call(chat(false, false, "x"));

        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("1.5s");
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).contains("Please try again in 1.5s");
    }

    @Test
    void contextTooLong_namesTheMessagesParam() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.contextTooLong()));

        JsonNode error = Wire.json(call(chat(false, false, "x")).body()).get("error");

        assertThat(error.get("param").asText()).isEqualTo("messages");
        assertThat(error.get("message").asText()).contains("maximum context length");
    }

    @Test
    void contentFiltered_isAzureStyle400WithInnerError() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.contentFiltered()));

        HttpResponse<String> response = call(chat(false, false, "x"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("content_filter");
        assertThat(error.get("innererror").get("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
    }

    @Test
    void errorEventAfter_stream_sendsErrorDataEventAndNoDone() throws Exception {
        simulator.script(MODEL, Step.ok("one two three four").withFault(Fault.errorEventAfter(2, Fault.overloaded())));

        HttpResponse<String> response = call(chat(true, false, "x"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = Wire.events(response.body(), "\n\n");
        assertThat(events).hasSize(3);
        JsonNode error = Wire.json(events.get(2).substring(6)).get("error");
        assertThat(error.get("message").asText()).contains("overloaded");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void auth_missingHeader_is401WithoutConsumingTheScript() throws Exception {
        simulator.script(MODEL, Step.ok("scripted"));

        HttpResponse<String> missing = Wire.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions", chat(false, false, "x")));
        HttpResponse<String> next = call(chat(false, false, "x"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Wire.json(missing.body()).get("error").get("message").asText()).contains("You didn't provide an API key");
        assertThat(Wire.json(next.body()).get("choices").get(0).get("message").get("content").asText()).isEqualTo("scripted");
    }

    @Test
    void auth_badKey_isInvalidApiKey401() throws Exception {
        HttpResponse<String> response = Wire.send(Wire.post(simulator.openAiBaseUrl() + "/chat/completions",
                chat(false, false, "x"), "authorization", "Bearer bad-key"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Wire.json(response.body()).get("error").get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void request_withoutMessages_is400MissingRequiredParameter() throws Exception {
        HttpResponse<String> response = call("{\"model\":\"" + MODEL + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).get("error").get("param").asText()).isEqualTo("messages");
    }

    @Test
    void models_listsDefaultAndScriptedModels() throws Exception {
        simulator.scriptAlways("my-model", Step.ok());

        HttpResponse<String> response = Wire.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(simulator.openAiBaseUrl() + "/models")).header("authorization", "Bearer k").build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode body = Wire.json(response.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data").findValuesAsText("id")).contains("gpt-4.1-mini", "my-model");
        assertThat(body.get("data").get(0).get("object").asText()).isEqualTo("model");
    }
}
