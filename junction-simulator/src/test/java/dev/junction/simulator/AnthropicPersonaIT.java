package dev.junction.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.simulator.fault.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Anthropic persona against reference/providers.md §2: bodies, event framing, errors, headers. */
class AnthropicPersonaIT {

    private static final String MODEL = "claude-sim";
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

    private static String messages(boolean stream, String userText) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"stream\":" + stream + ","
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + userText + "\"}]}]}";
    }

    private static HttpResponse<String> call(String body, String... headers) throws Exception {
        String[] all = headers.length > 0 ? headers : new String[] {"x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01"};
        return Wire.send(Wire.post(simulator.anthropicBaseUrl() + "/v1/messages", body, all));
    }

    /** Parses {@code event: X\ndata: Y} blocks into (name, data) pairs, checking the framing of each. */
    private static List<String[]> events(String body) {
        List<String[]> events = new ArrayList<>();
        for (String block : Wire.events(body, "\n\n")) {
            String[] lines = block.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            String name = lines[0].substring(7);
            String data = lines[1].substring(6);
            if (Wire.parses(data)) assertThat(Wire.json(data).get("type").asText()).isEqualTo(name);
            events.add(new String[] {name, data});
        }
        return events;
    }

    @Test
    void messages_unscripted_returnsMessageWithEndTurnAndUsage() throws Exception {
        HttpResponse<String> response = call(messages(false, "What is the capital of France, please?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode body = Wire.json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo(MODEL);
        assertThat(body.get("id").asText()).startsWith("msg_");
        assertThat(body.get("content").get(0).get("type").asText()).isEqualTo("text");
        assertThat(body.get("content").get(0).get("text").asText())
                .isEqualTo("Simulated reply from claude-sim: What is the capital of France, please?");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        // "Be brief." (9) + user text (38) = 47 chars -> 12 tokens
        assertThat(body.get("usage").get("input_tokens").asLong()).isEqualTo(12);
        assertThat(body.get("usage").get("cache_read_input_tokens").asLong()).isZero();
        assertThat(body.get("usage").get("output_tokens").asLong()).isPositive();
    }

    @Test
    void stream_text_hasEventLinesInTheDocumentedOrderWithCumulativeUsage() throws Exception {
        simulator.script(MODEL, Step.ok("Bonjour tout le monde").withUsage(30, 6));

        HttpResponse<String> response = call(messages(true, "hi"));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<String[]> events = events(response.body());
        assertThat(events).extracting(e -> e[0]).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        JsonNode start = Wire.json(events.getFirst()[1]).get("message");
        assertThat(start.get("model").asText()).isEqualTo(MODEL);
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.get("content").isEmpty()).isTrue();
        assertThat(start.get("usage").get("input_tokens").asLong()).isEqualTo(30);
        assertThat(Wire.json(events.get(1)[1]).get("content_block").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");
        StringBuilder text = new StringBuilder();
        for (String[] event : events.subList(3, 7)) {
            JsonNode delta = Wire.json(event[1]);
            assertThat(delta.get("index").asInt()).isZero();
            assertThat(delta.get("delta").get("type").asText()).isEqualTo("text_delta");
            text.append(delta.get("delta").get("text").asText());
        }
        assertThat(text.toString()).isEqualTo("Bonjour tout le monde");
        JsonNode messageDelta = Wire.json(events.get(8)[1]);
        assertThat(messageDelta.get("delta").get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.get("usage").get("output_tokens").asLong()).isEqualTo(6);
        assertThat(response.body()).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void toolCall_nonStream_isToolUseBlockWithObjectInput() throws Exception {
        simulator.script(MODEL, Step.toolCall("lookup", "{\"q\":\"cat\"}"));

        JsonNode body = Wire.json(call(messages(false, "x")).body());

        assertThat(body.get("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode block = body.get("content").get(0);
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("id").asText()).startsWith("toolu_");
        assertThat(block.get("name").asText()).isEqualTo("lookup");
        assertThat(block.get("input").isObject()).isTrue();
        assertThat(block.get("input").get("q").asText()).isEqualTo("cat");
    }

    @Test
    void toolCall_stream_sendsToolUseStartThenInputJsonDeltas() throws Exception {
        String arguments = "{\"city\":\"Paris\",\"days\":3}";
        simulator.script(MODEL, Step.toolCall("forecast", arguments));

        List<String[]> events = events(call(messages(true, "x")).body());

        JsonNode block = Wire.json(events.get(1)[1]).get("content_block");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("name").asText()).isEqualTo("forecast");
        assertThat(block.get("input").isEmpty()).isTrue();
        StringBuilder json = new StringBuilder();
        for (String[] event : events) {
            if (!event[0].equals("content_block_delta")) continue;
            JsonNode delta = Wire.json(event[1]).get("delta");
            assertThat(delta.get("type").asText()).isEqualTo("input_json_delta");
            json.append(delta.get("partial_json").asText());
        }
        assertThat(json.toString()).isEqualTo(arguments);
        assertThat(Wire.json(events.get(events.size() - 2)[1]).get("delta").get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void refusal_hasStopReasonRefusalInBothModes() throws Exception {
        simulator.script(MODEL, Step.refusal(), Step.refusal());

        JsonNode plain = Wire.json(call(messages(false, "x")).body());
        List<String[]> events = events(call(messages(true, "x")).body());

        assertThat(plain.get("stop_reason").asText()).isEqualTo("refusal");
        assertThat(Wire.json(events.get(events.size() - 2)[1]).get("delta").get("stop_reason").asText()).isEqualTo("refusal");
    }

    static Stream<Arguments> errorKinds() {
        return Stream.of(
                Arguments.of(Fault.rateLimited(Duration.ofSeconds(3)), 429, "rate_limit_error"),
                Arguments.of(Fault.quotaExhausted(), 400, "invalid_request_error"),
                Arguments.of(Fault.overloaded(), 529, "overloaded_error"),
                Arguments.of(Fault.serverError(500), 500, "api_error"),
                Arguments.of(Fault.serverError(504), 504, "timeout_error"),
                Arguments.of(Fault.contextTooLong(), 400, "invalid_request_error"),
                Arguments.of(Fault.invalidRequest("messages: roles must alternate"), 400, "invalid_request_error"),
                Arguments.of(Fault.unauthorized(), 401, "authentication_error"),
                Arguments.of(Fault.modelNotFound(), 404, "not_found_error"),
                Arguments.of(Fault.contentFiltered(), 400, "invalid_request_error"));
    }

    @ParameterizedTest
    @MethodSource("errorKinds")
    void error_eachKind_hasStatusAndTheDocumentedErrorShape(Fault kind, int status, String type) throws Exception {
        simulator.script(MODEL, Step.fault(kind));

        HttpResponse<String> response = call(messages(false, "x"));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode body = Wire.json(response.body());
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("type", "error", "request_id");
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error").get("type").asText()).isEqualTo(type);
        assertThat(body.get("error").get("message").asText()).isNotBlank();
        assertThat(body.get("request_id").asText()).isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void rateLimited_carriesRetryAfterSeconds() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.rateLimited(Duration.ofSeconds(3))));

        HttpResponse<String> response = call(messages(false, "x"));

        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    }

    @Test
    void contextTooLongAndQuota_useTheMessagesTheClassifierMatches() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.contextTooLong()), Step.fault(Fault.quotaExhausted()));

        assertThat(Wire.json(call(messages(false, "x")).body()).get("error").get("message").asText())
                .startsWith("prompt is too long: ").endsWith(" tokens > 200000 maximum");
        assertThat(Wire.json(call(messages(false, "x")).body()).get("error").get("message").asText())
                .contains("credit balance is too low");
    }

    @Test
    void errorEventAfter_stream_sendsAnErrorEventAndNoMessageStop() throws Exception {
        simulator.script(MODEL, Step.ok("one two three").withFault(Fault.errorEventAfter(3, Fault.overloaded())));

        HttpResponse<String> response = call(messages(true, "x"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> events = events(response.body());
        assertThat(events).extracting(e -> e[0]).containsExactly("message_start", "content_block_start", "ping", "error");
        assertThat(events.getLast()[1])
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    @Test
    void auth_missingKey_is401AuthenticationError() throws Exception {
        HttpResponse<String> response = call(messages(false, "x"), "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Wire.json(response.body()).get("error").get("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void auth_badKey_is401AuthenticationError() throws Exception {
        HttpResponse<String> response = call(messages(false, "x"), "x-api-key", "bad-key", "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).isEqualTo("invalid x-api-key");
    }

    @Test
    void missingVersionHeader_is400AsUpstream() throws Exception {
        HttpResponse<String> response = call(messages(false, "x"), "x-api-key", "k");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).contains("anthropic-version");
    }

    @Test
    void missingMaxTokens_is400FieldRequired() throws Exception {
        HttpResponse<String> response = call("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).get("error").get("message").asText()).isEqualTo("max_tokens: Field required");
        assertThat(simulator.requests().getFirst().model()).isEqualTo(MODEL);
    }

    @Test
    void malformedBody_stream_oneEventFailsToParseAndTheStreamStillStops() throws Exception {
        simulator.script(MODEL, Step.ok("a b c d e f").withFault(Fault.malformedBody()));

        List<String[]> events = events(call(messages(true, "x")).body());

        assertThat(events.stream().filter(e -> !Wire.parses(e[1]))).hasSize(1);
        assertThat(events.getLast()[0]).isEqualTo("message_stop");
    }

    @Test
    void truncateAfterEvents_stream_neverSendsMessageStop() throws Exception {
        simulator.script(MODEL, Step.ok("one two").withFault(Fault.truncateAfterEvents(100)));

        List<String[]> events = events(call(messages(true, "x")).body());

        assertThat(events.getLast()[0]).isEqualTo("message_delta");
    }
}
