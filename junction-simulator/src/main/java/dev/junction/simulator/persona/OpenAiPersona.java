package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenAI Chat Completions (reference/providers.md §1): {@code POST /openai/v1/chat/completions}
 * and {@code GET /openai/v1/models}, with {@code Authorization: Bearer} auth.
 *
 * <p>Streams follow §1.5 exactly: {@code data: <json>\n\n} per chunk, no {@code event:} lines; a
 * role chunk first, one chunk per word, a finish chunk with {@code delta: {}}, then, only when
 * {@code stream_options.include_usage} is true, a usage chunk with {@code choices: []}, and
 * {@code data: [DONE]\n\n} last. Chunks other than the usage chunk omit the {@code usage} key, as
 * recorded OpenAI streams do.
 */
public final class OpenAiPersona implements Persona {

    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final String FINGERPRINT = "fp_simulator";
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CONTEXT_WINDOW = 128_000;

    private final Supplier<Collection<String>> knownModels;

    /** @param knownModels model names listed by {@code GET /v1/models} */
    public OpenAiPersona(Supplier<Collection<String>> knownModels) {
        this.knownModels = knownModels;
    }

    @Override public String name() { return "openai"; }

    @Override public String prefix() { return "/openai"; }

    @Override
    public Incoming accept(HttpRequest request, long seq) {
        String endpoint = request.path().substring(prefix().length());
        Reply authFailure = checkAuth(request.header("authorization"), seq);
        if (authFailure != null) return new Incoming.Answered(null, false, authFailure);
        if (endpoint.equals("/v1/models") && request.method().equals("GET")) {
            return new Incoming.Answered(null, false, models(seq));
        }
        if (!endpoint.equals("/v1/chat/completions") || !request.method().equals("POST")) {
            return answered(null, seq, 404, "Invalid URL (" + request.method() + " " + endpoint + ")",
                    "invalid_request_error", null, null);
        }
        ObjectNode body = Json.parseObject(request.body());
        if (body == null) {
            return answered(null, seq, 400, "We could not parse the JSON body of your request. (HINT: This likely means"
                    + " you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was"
                    + " sent was not valid JSON.)", "invalid_request_error", null, null);
        }
        String model = body.path("model").isTextual() ? body.get("model").asText() : null;
        if (model == null) {
            return answered(null, seq, 400, "you must provide a model parameter", "invalid_request_error", null, null);
        }
        boolean stream = body.path("stream").asBoolean(false);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            return answered(model, seq, 400, "Missing required parameter: 'messages'.", "invalid_request_error",
                    "messages", "missing_required_parameter");
        }
        if (messages.isEmpty()) {
            return answered(model, seq, 400, "[] is too short - 'messages'", "invalid_request_error", "messages", null);
        }
        long chars = 0;
        String lastUser = null;
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            chars += textChars(content);
            if ("user".equals(message.path("role").asText())) lastUser = contentText(content);
        }
        boolean includeUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        return new Incoming.Generate(new RequestFacts(seq, model, stream, includeUsage, stream, Turn.tokens(chars), lastUser));
    }

    @Override
    public Reply answer(Turn turn, RequestFacts facts) {
        long created = Instant.now().getEpochSecond();
        return facts.stream() ? streamed(turn, facts, created) : whole(turn, facts, created);
    }

    @Override
    public Reply error(Fault.ErrorKind kind, RequestFacts facts) {
        Map<String, String> headers = headers(JSON, facts.seq());
        if (kind instanceof Fault.RateLimited limited) {
            Duration wait = limited.retryAfter();
            headers.put("retry-after", WaitFormat.retryAfterSeconds(wait));
            headers.put("retry-after-ms", Long.toString(wait.toMillis()));
            headers.put("x-ratelimit-remaining-requests", "0");
            headers.put("x-ratelimit-reset-requests", WaitFormat.goDuration(wait));
        }
        return new Reply.Whole(status(kind), headers, Json.bytes(errorBody(kind, facts)));
    }

    @Override
    public byte[] streamError(Fault.ErrorKind kind, RequestFacts facts) {
        return Json.dataEvent(errorBody(kind, facts));
    }

    private static int status(Fault.ErrorKind kind) {
        return switch (kind) {
            case Fault.RateLimited r -> 429;
            case Fault.QuotaExhausted q -> 429;
            case Fault.Overloaded o -> 503;
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
            case Fault.RateLimited r -> error("Rate limit reached for " + facts.model() + " in organization"
                    + " org-simulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in "
                    + WaitFormat.goDuration(r.retryAfter()) + ". Visit https://platform.openai.com/account/rate-limits"
                    + " to learn more.", "requests", null, "rate_limit_exceeded");
            case Fault.QuotaExhausted q -> error("You exceeded your current quota, please check your plan and billing"
                    + " details. For more information on this error, read the docs:"
                    + " https://platform.openai.com/docs/guides/error-codes/api-errors.",
                    "insufficient_quota", null, "insufficient_quota");
            case Fault.Overloaded o -> error("The engine is currently overloaded, please try again later",
                    "server_error", null, null);
            case Fault.ServerError s -> error("The server had an error while processing your request. Sorry about that!",
                    "server_error", null, null);
            case Fault.ContextTooLong c -> error("This model's maximum context length is " + CONTEXT_WINDOW
                    + " tokens. However, your messages resulted in " + Math.max(facts.inputTokens(), CONTEXT_WINDOW + 1)
                    + " tokens. Please reduce the length of the messages.",
                    "invalid_request_error", "messages", "context_length_exceeded");
            case Fault.InvalidRequest i -> error(i.message(), "invalid_request_error", null, null);
            case Fault.Unauthorized u -> error("Incorrect API key provided: sk-sim***. You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
            case Fault.ModelNotFound m -> error("The model `" + facts.model() + "` does not exist or you do not have"
                    + " access to it.", "invalid_request_error", null, "model_not_found");
            case Fault.ContentFiltered c -> azureContentFilter();
        };
    }

    /** Azure's prompt-filter body (§4.1): the only OpenAI-shaped content-filter error there is. */
    private static ObjectNode azureContentFilter() {
        ObjectNode error = Json.object();
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management"
                + " policy. Please modify your prompt and retry.");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode result = inner.putObject("content_filter_result");
        result.putObject("hate").put("filtered", true).put("severity", "high");
        result.putObject("jailbreak").put("filtered", false).put("detected", false);
        result.putObject("self_harm").put("filtered", false).put("severity", "safe");
        result.putObject("sexual").put("filtered", false).put("severity", "safe");
        result.putObject("violence").put("filtered", false).put("severity", "safe");
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    private static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    private Reply checkAuth(String authorization, long seq) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
            return whole(401, seq, error("You didn't provide an API key. You need to provide your API key in an"
                    + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password"
                    + " field (with blank username) if you're accessing the API from your browser and are prompted for a"
                    + " username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, null));
        }
        if (authorization.substring(7).equals("bad-key")) {
            return whole(401, seq, error("Incorrect API key provided: bad-key. You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key"));
        }
        return null;
    }

    private Reply models(long seq) {
        ArrayNode data = Json.array();
        for (String id : knownModels.get()) {
            data.addObject().put("id", id).put("object", "model").put("created", 1686935002).put("owned_by", "openai");
        }
        ObjectNode body = Json.object();
        body.put("object", "list");
        body.set("data", data);
        return whole(200, seq, body);
    }

    private Incoming answered(String model, long seq, int status, String message, String type, String param, String code) {
        return new Incoming.Answered(model, false, whole(status, seq, error(message, type, param, code)));
    }

    private static Reply whole(int status, long seq, ObjectNode body) {
        return new Reply.Whole(status, headers(JSON, seq), Json.bytes(body));
    }

    private static Map<String, String> headers(String contentType, long seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-request-id", "req_sim" + seq);
        headers.put("openai-organization", "org-simulator");
        headers.put("openai-processing-ms", "1");
        headers.put("openai-version", "2020-10-01");
        headers.put("x-ratelimit-limit-requests", "10000");
        headers.put("x-ratelimit-limit-tokens", "10000000");
        headers.put("x-ratelimit-remaining-requests", "9999");
        headers.put("x-ratelimit-remaining-tokens", "9999000");
        headers.put("x-ratelimit-reset-requests", "6ms");
        headers.put("x-ratelimit-reset-tokens", "0s");
        return headers;
    }

    private static Reply whole(Turn turn, RequestFacts facts, long created) {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        String finish = "stop";
        switch (turn.answer()) {
            case Step.ToolCall call -> {
                message.putNull("content");
                message.putNull("refusal");
                message.putArray("annotations");
                ObjectNode tool = message.putArray("tool_calls").addObject();
                tool.put("id", "call_sim" + facts.seq());
                tool.put("type", "function");
                tool.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                finish = "tool_calls";
            }
            case Step.Refusal refusal -> {
                message.putNull("content");
                message.putNull("refusal");
                message.putArray("annotations");
                finish = "content_filter";
            }
            default -> {
                message.put("content", turn.text());
                message.putNull("refusal");
                message.putArray("annotations");
            }
        }
        ObjectNode body = Json.object();
        body.put("id", "chatcmpl-sim" + facts.seq());
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", facts.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        body.set("usage", usage(turn.usage()));
        body.put("service_tier", "default");
        body.put("system_fingerprint", FINGERPRINT);
        return new Reply.Whole(200, headers(JSON, facts.seq()), Json.bytes(body));
    }

    private static Reply streamed(Turn turn, RequestFacts facts, long created) {
        List<byte[]> events = new ArrayList<>();
        switch (turn.answer()) {
            case Step.ToolCall call -> {
                ObjectNode first = Json.object().put("role", "assistant").putNull("content");
                ObjectNode tool = first.putArray("tool_calls").addObject();
                tool.put("index", 0).put("id", "call_sim" + facts.seq()).put("type", "function");
                tool.putObject("function").put("name", call.name()).put("arguments", "");
                first.putNull("refusal");
                events.add(chunk(facts, created, first, null));
                for (String fragment : Turn.fragments(call.argumentsJson(), 3)) {
                    ObjectNode delta = Json.object();
                    delta.putArray("tool_calls").addObject().put("index", 0)
                            .putObject("function").put("arguments", fragment);
                    events.add(chunk(facts, created, delta, null));
                }
                events.add(chunk(facts, created, Json.object(), "tool_calls"));
            }
            case Step.Refusal refusal -> {
                events.add(chunk(facts, created, roleDelta(), null));
                events.add(chunk(facts, created, Json.object(), "content_filter"));
            }
            default -> {
                events.add(chunk(facts, created, roleDelta(), null));
                for (String word : turn.words()) events.add(chunk(facts, created, Json.object().put("content", word), null));
                events.add(chunk(facts, created, Json.object(), "stop"));
            }
        }
        if (facts.includeUsage()) {
            ObjectNode last = chunkBase(facts, created);
            last.putArray("choices");
            last.set("usage", usage(turn.usage()));
            events.add(Json.dataEvent(last));
        }
        events.add(DONE);
        return new Reply.Stream(200, headers(SSE, facts.seq()), events);
    }

    private static ObjectNode roleDelta() {
        return Json.object().put("role", "assistant").put("content", "").putNull("refusal");
    }

    private static byte[] chunk(RequestFacts facts, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkBase(facts, created);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return Json.dataEvent(chunk);
    }

    private static ObjectNode chunkBase(RequestFacts facts, long created) {
        ObjectNode chunk = Json.object();
        chunk.put("id", "chatcmpl-sim" + facts.seq());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", facts.model());
        chunk.put("system_fingerprint", FINGERPRINT);
        return chunk;
    }

    private static ObjectNode usage(Step.Usage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.inputTokens());
        node.put("completion_tokens", usage.outputTokens());
        node.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        node.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return node;
    }

    /** Characters of message text: the string content, or the sum over text parts. */
    private static long textChars(JsonNode content) {
        if (content == null || content.isNull()) return 0;
        if (content.isTextual()) return content.asText().length();
        long chars = 0;
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) chars += part.get("text").asText().length();
        }
        return chars;
    }

    /** Text of a message {@code content}: a string, or the {@code text} of each text part. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                if (!text.isEmpty()) text.append(' ');
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }
}
