package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages (reference/providers.md §2): {@code POST /anthropic/v1/messages} with
 * {@code x-api-key} and {@code anthropic-version}; {@code max_tokens} is required, as upstream.
 *
 * <p>Streams follow §2.5: each event is {@code event: NAME\ndata: JSON\n\n} with the JSON's
 * {@code type} equal to the name; {@code message_start} (input usage, {@code output_tokens: 1}),
 * then per block {@code content_block_start}, a {@code ping} after the first block start, the
 * deltas, {@code content_block_stop}; then one {@code message_delta} with the stop reason and the
 * cumulative output usage, and {@code message_stop} last.
 */
public final class AnthropicPersona implements Persona {

    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final int CONTEXT_WINDOW = 200_000;

    @Override public String name() { return "anthropic"; }

    @Override public String prefix() { return "/anthropic"; }

    @Override
    public Incoming accept(HttpRequest request, long seq) {
        String endpoint = request.path().substring(prefix().length());
        String key = request.header("x-api-key");
        if (key == null || key.isBlank()) return answered(null, seq, 401, "authentication_error", "x-api-key header is required");
        if (key.equals("bad-key")) return answered(null, seq, 401, "authentication_error", "invalid x-api-key");
        if (request.header("anthropic-version") == null) {
            return answered(null, seq, 400, "invalid_request_error", "anthropic-version: header is required");
        }
        if (endpoint.equals("/v1/models") && request.method().equals("GET")) return new Incoming.Answered(null, false, models(seq));
        if (!endpoint.equals("/v1/messages") || !request.method().equals("POST")) {
            return answered(null, seq, 404, "not_found_error", "Not Found");
        }
        ObjectNode body = Json.parseObject(request.body());
        if (body == null) return answered(null, seq, 400, "invalid_request_error", "The request body is not valid JSON.");
        String model = body.path("model").isTextual() ? body.get("model").asText() : null;
        boolean stream = body.path("stream").asBoolean(false);
        for (String required : List.of("model", "max_tokens", "messages")) {
            if (!body.has(required)) return answered(model, seq, 400, "invalid_request_error", required + ": Field required");
        }
        if (!body.get("max_tokens").canConvertToLong()) {
            return answered(model, seq, 400, "invalid_request_error", "max_tokens: Input should be a valid integer");
        }
        long chars = textChars(body.get("system"));
        String lastUser = null;
        for (JsonNode message : body.get("messages")) {
            chars += textChars(message.get("content"));
            if ("user".equals(message.path("role").asText())) {
                String said = userText(message.get("content"));
                if (!said.isEmpty()) lastUser = said;
            }
        }
        return new Incoming.Generate(new RequestFacts(seq, model, stream, false, stream, Turn.tokens(chars), lastUser));
    }

    @Override
    public Reply answer(Turn turn, RequestFacts facts) {
        return facts.stream() ? streamed(turn, facts) : whole(turn, facts);
    }

    @Override
    public Reply error(Fault.ErrorKind kind, RequestFacts facts) {
        Map<String, String> headers = headers(JSON, facts.seq());
        if (kind instanceof Fault.RateLimited limited) {
            headers.put("retry-after", WaitFormat.retryAfterSeconds(limited.retryAfter()));
            headers.put("anthropic-ratelimit-requests-limit", "50");
            headers.put("anthropic-ratelimit-requests-remaining", "0");
            headers.put("anthropic-ratelimit-requests-reset", resetAt(limited.retryAfter()));
        }
        ObjectNode body = errorBody(kind, facts);
        body.put("request_id", requestId(facts.seq()));
        return new Reply.Whole(status(kind), headers, Json.bytes(body));
    }

    @Override
    public byte[] streamError(Fault.ErrorKind kind, RequestFacts facts) {
        return event("error", errorBody(kind, facts));
    }

    private static int status(Fault.ErrorKind kind) {
        return switch (kind) {
            case Fault.RateLimited r -> 429;
            case Fault.QuotaExhausted q -> 400;
            case Fault.Overloaded o -> 529;
            case Fault.ServerError s -> s.status();
            case Fault.ContextTooLong c -> 400;
            case Fault.InvalidRequest i -> 400;
            case Fault.Unauthorized u -> 401;
            case Fault.ModelNotFound m -> 404;
            case Fault.ContentFiltered c -> 400;
        };
    }

    private static ObjectNode errorBody(Fault.ErrorKind kind, RequestFacts facts) {
        return switch (kind) {
            case Fault.RateLimited r -> error("rate_limit_error", "This request would exceed the rate limit for your"
                    + " organization (org-simulator) of 50 requests per minute. For details, refer to:"
                    + " https://docs.claude.com/en/api/rate-limits.");
            case Fault.QuotaExhausted q -> error("invalid_request_error", "Your credit balance is too low to access the"
                    + " Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
            case Fault.Overloaded o -> error("overloaded_error", "Overloaded");
            case Fault.ServerError s -> s.status() == 504
                    ? error("timeout_error", "Request timed out")
                    : error("api_error", "Internal server error");
            case Fault.ContextTooLong c -> error("invalid_request_error", "prompt is too long: "
                    + Math.max(facts.inputTokens(), CONTEXT_WINDOW + 1) + " tokens > " + CONTEXT_WINDOW + " maximum");
            case Fault.InvalidRequest i -> error("invalid_request_error", i.message());
            case Fault.Unauthorized u -> error("authentication_error", "invalid x-api-key");
            case Fault.ModelNotFound m -> error("not_found_error", "model: " + facts.model());
            case Fault.ContentFiltered c -> error("invalid_request_error", "Output blocked by content filtering policy");
        };
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode body = Json.object();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    private Incoming answered(String model, long seq, int status, String type, String message) {
        ObjectNode body = error(type, message);
        body.put("request_id", requestId(seq));
        return new Incoming.Answered(model, false, new Reply.Whole(status, headers(JSON, seq), Json.bytes(body)));
    }

    private static Reply models(long seq) {
        ObjectNode body = Json.object();
        body.putArray("data").addObject().put("type", "model").put("id", "claude-sonnet-4-5")
                .put("display_name", "Claude Sonnet 4.5").put("created_at", "2025-09-29T00:00:00Z");
        body.put("has_more", false).put("first_id", "claude-sonnet-4-5").put("last_id", "claude-sonnet-4-5");
        return new Reply.Whole(200, headers(JSON, seq), Json.bytes(body));
    }

    private static String requestId(long seq) {
        return "req_sim" + seq;
    }

    private static String resetAt(Duration wait) {
        return Instant.now().plus(wait).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, String> headers(String contentType, long seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("request-id", requestId(seq));
        headers.put("anthropic-organization-id", "org-simulator");
        return headers;
    }

    private static Reply whole(Turn turn, RequestFacts facts) {
        ObjectNode body = Json.object();
        body.put("id", "msg_sim" + facts.seq());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", facts.model());
        var content = body.putArray("content");
        String stop = switch (turn.answer()) {
            case Step.ToolCall call -> {
                content.addObject().put("type", "tool_use").put("id", "toolu_sim" + facts.seq()).put("name", call.name())
                        .set("input", argumentsObject(call));
                yield "tool_use";
            }
            case Step.Refusal refusal -> "refusal";
            default -> {
                content.addObject().put("type", "text").put("text", turn.text());
                yield "end_turn";
            }
        };
        body.put("stop_reason", stop);
        body.putNull("stop_sequence");
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", turn.usage().inputTokens());
        usage.put("output_tokens", turn.usage().outputTokens());
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", 0).put("ephemeral_1h_input_tokens", 0);
        usage.put("service_tier", "standard");
        return new Reply.Whole(200, headers(JSON, facts.seq()), Json.bytes(body));
    }

    private static Reply streamed(Turn turn, RequestFacts facts) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode message = Json.object();
        message.put("id", "msg_sim" + facts.seq());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", facts.model());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", turn.usage().inputTokens())
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0).put("output_tokens", 1);
        ObjectNode start = Json.object().put("type", "message_start");
        start.set("message", message);
        events.add(event("message_start", start));
        String stop = switch (turn.answer()) {
            case Step.ToolCall call -> {
                ObjectNode block = Json.object().put("type", "tool_use").put("id", "toolu_sim" + facts.seq())
                        .put("name", call.name());
                block.putObject("input");
                events.add(blockStart(block));
                events.add(event("ping", Json.object().put("type", "ping")));
                events.add(delta(Json.object().put("type", "input_json_delta").put("partial_json", "")));
                for (String fragment : Turn.fragments(call.argumentsJson(), 3)) {
                    events.add(delta(Json.object().put("type", "input_json_delta").put("partial_json", fragment)));
                }
                events.add(event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
                yield "tool_use";
            }
            case Step.Refusal refusal -> {
                events.add(event("ping", Json.object().put("type", "ping")));
                yield "refusal";
            }
            default -> {
                events.add(blockStart(Json.object().put("type", "text").put("text", "")));
                events.add(event("ping", Json.object().put("type", "ping")));
                for (String word : turn.words()) events.add(delta(Json.object().put("type", "text_delta").put("text", word)));
                events.add(event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
                yield "end_turn";
            }
        };
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", turn.usage().outputTokens());
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", Json.object().put("type", "message_stop")));
        return new Reply.Stream(200, headers(SSE, facts.seq()), events);
    }

    private static byte[] blockStart(ObjectNode block) {
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", 0);
        start.set("content_block", block);
        return event("content_block_start", start);
    }

    private static byte[] delta(ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", 0);
        event.set("delta", delta);
        return event("content_block_delta", event);
    }

    private static byte[] event(String name, ObjectNode data) {
        return ("event: " + name + "\ndata: " + Json.text(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The tool input object; {@code {}} when the scripted arguments are not a JSON object. */
    private static ObjectNode argumentsObject(Step.ToolCall call) {
        ObjectNode parsed = Json.parseObject(call.argumentsJson().getBytes(StandardCharsets.UTF_8));
        return parsed != null ? parsed : Json.object();
    }

    /** Characters of text in a {@code system} or {@code content} value: a string, text blocks, tool results. */
    private static long textChars(JsonNode value) {
        if (value == null || value.isNull()) return 0;
        if (value.isTextual()) return value.asText().length();
        long chars = 0;
        for (JsonNode block : value) {
            if (block.path("text").isTextual()) chars += block.get("text").asText().length();
            if ("tool_result".equals(block.path("type").asText())) chars += textChars(block.get("content"));
        }
        return chars;
    }

    /** The text blocks of a user turn (tool results excluded), joined with spaces. */
    private static String userText(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                if (!text.isEmpty()) text.append(' ');
                text.append(block.get("text").asText());
            }
        }
        return text.toString();
    }
}
