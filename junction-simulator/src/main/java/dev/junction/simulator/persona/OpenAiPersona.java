package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chat Completions as OpenAI (reference/providers.md §1) or Azure OpenAI (§4.1) serve it: one body
 * format, answers and framing, with the URL, key, headers and a few error bodies taken from the
 * {@link OpenAiHost}.
 *
 * <p>Streams follow §1.5 exactly: {@code data: <json>\n\n} per chunk, no {@code event:} lines; the
 * host's prelude (Azure's prompt-filter chunk), a role chunk, one chunk per word, a finish chunk with
 * {@code delta: {}}, then, only when {@code stream_options.include_usage} is true, a usage chunk with
 * {@code choices: []}, and {@code data: [DONE]\n\n} last. Chunks other than the usage chunk omit the
 * {@code usage} key, as recorded OpenAI streams do.
 */
public final class OpenAiPersona implements Persona {

    static final String JSON = "application/json";
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final String FINGERPRINT = "fp_simulator";
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OpenAiHost host;

    /** OpenAI itself under {@code /openai}; {@code knownModels} are the names {@code GET /v1/models} lists. */
    public OpenAiPersona(Supplier<Collection<String>> knownModels) {
        this(new OpenAiPlatform(knownModels));
    }

    private OpenAiPersona(OpenAiHost host) {
        this.host = host;
    }

    /** Azure OpenAI's classic deployment URLs under {@code /azure}, with the {@code api-key} header. */
    public static OpenAiPersona azure() {
        return new OpenAiPersona(new AzureOpenAi());
    }

    @Override public String name() { return host.name(); }

    @Override public String prefix() { return host.prefix(); }

    @Override
    public Incoming accept(HttpRequest request, long seq) {
        String deployment;
        switch (host.route(request, seq)) {
            case OpenAiHost.Route.Refused refused -> { return new Incoming.Answered(null, false, refused.reply()); }
            case OpenAiHost.Route.Models models -> { return new Incoming.Answered(null, false, models(models.ids(), seq)); }
            case OpenAiHost.Route.Chat chat -> deployment = chat.deployment();
        }
        ObjectNode body = Json.parseObject(request.body());
        if (body == null) {
            return answered(null, seq, 400, "We could not parse the JSON body of your request. (HINT: This likely means"
                    + " you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was"
                    + " sent was not valid JSON.)", "invalid_request_error", null, null);
        }
        // Azure's deployment in the path picks the model; the body's model is then not read
        String model = deployment != null ? deployment : body.path("model").isTextual() ? body.get("model").asText() : null;
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
        return new Reply.Whole(OpenAiErrors.status(kind), host.errorHeaders(kind, facts.seq()),
                Json.bytes(host.errorBody(kind, facts)));
    }

    @Override
    public byte[] streamError(Fault.ErrorKind kind, RequestFacts facts) {
        return Json.dataEvent(host.errorBody(kind, facts));
    }

    private Reply models(Collection<String> ids, long seq) {
        ArrayNode data = Json.array();
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", 1686935002).put("owned_by", "openai");
        }
        ObjectNode body = Json.object();
        body.put("object", "list");
        body.set("data", data);
        return whole(200, seq, body);
    }

    private Incoming answered(String model, long seq, int status, String message, String type, String param, String code) {
        return new Incoming.Answered(model, false, whole(status, seq, OpenAiErrors.error(message, type, param, code)));
    }

    private Reply whole(int status, long seq, ObjectNode body) {
        return new Reply.Whole(status, host.headers(JSON, seq), Json.bytes(body));
    }

    private Reply whole(Turn turn, RequestFacts facts, long created) {
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
        return new Reply.Whole(200, host.headers(JSON, facts.seq()), Json.bytes(body));
    }

    private Reply streamed(Turn turn, RequestFacts facts, long created) {
        List<byte[]> events = new ArrayList<>(host.streamPrelude(facts));
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
        return new Reply.Stream(200, host.headers(SSE, facts.seq()), events);
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
