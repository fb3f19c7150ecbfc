package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini v1beta (reference/providers.md §3): {@code POST /gemini/v1beta/models/{model}:generateContent}
 * and {@code :streamGenerateContent}, with {@code x-goog-api-key} (or {@code ?key=}); camelCase JSON.
 *
 * <p>With {@code alt=sse}, each chunk is {@code data: <GenerateContentResponse>} ended by
 * {@code \r\n\r\n} (the CRLF separators reported for this endpoint, §3.7), with no terminator: the
 * last chunk carries {@code finishReason} and the final {@code usageMetadata}; earlier chunks carry
 * only the prompt counts. Text arrives one word per chunk; a {@code functionCall} arrives whole in
 * one chunk, with a {@code thoughtSignature}. Without {@code alt=sse} the same chunks form one JSON
 * array, streamed. Errors are {@code google.rpc.Status} bodies (§3.8).
 *
 * <p>For {@code gemini-3*} models, a request whose history has a {@code functionCall} part without a
 * {@code thoughtSignature} is rejected with 400, as Gemini 3 does (§3.10).
 */
public final class GeminiPersona implements Persona {

    private static final String JSON = "application/json; charset=UTF-8";
    private static final String SSE = "text/event-stream";
    private static final String MODELS = "/v1beta/models";
    private static final String SIGNATURE = "c2ltdWxhdGVkLXRob3VnaHQtc2lnbmF0dXJl";
    private static final long CONTEXT_WINDOW = 1_048_575;
    private static final String RETRY_HELP = "https://ai.google.dev/gemini-api/docs/rate-limits";

    @Override public String name() { return "gemini"; }

    @Override public String prefix() { return "/gemini"; }

    @Override
    public Incoming accept(HttpRequest request, long seq) {
        String endpoint = request.path().substring(prefix().length());
        String key = request.header("x-goog-api-key");
        if (key == null) key = request.queryParam("key");
        if (key == null || key.isBlank()) {
            return answered(null, false, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers"
                    + " without established identity). Please use API Key or other form of API consumer identity to call"
                    + " this API.");
        }
        if (key.equals("bad-key")) return new Incoming.Answered(null, false, status(400, invalidKey()));
        if (endpoint.equals(MODELS) && request.method().equals("GET")) return new Incoming.Answered(null, false, models());
        int colon = endpoint.lastIndexOf(':');
        if (!endpoint.startsWith(MODELS + "/") || colon < 0 || !request.method().equals("POST")) {
            return answered(null, false, 404, "NOT_FOUND", "Requested entity was not found.");
        }
        String model = endpoint.substring(MODELS.length() + 1, colon);
        String method = endpoint.substring(colon + 1);
        boolean stream = method.equals("streamGenerateContent");
        if (!stream && !method.equals("generateContent")) {
            return answered(model, false, 404, "NOT_FOUND", "Method not found: " + method);
        }
        ObjectNode body = Json.parseObject(request.body());
        if (body == null) return answered(model, stream, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            return answered(model, stream, 400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified\n");
        }
        long chars = textChars(body.path("systemInstruction"));
        String lastUser = null;
        for (JsonNode content : contents) {
            chars += textChars(content);
            String said = joinedText(content);
            if (!"model".equals(content.path("role").asText()) && !said.isEmpty()) lastUser = said;
            if (model.startsWith("gemini-3") && missesSignature(content)) {
                return answered(model, stream, 400, "INVALID_ARGUMENT", "Function call is missing a thought_signature in"
                        + " functionCall parts. This is required for tools to work correctly, and missing thought_signature"
                        + " may lead to degraded model performance. Please refer to"
                        + " https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
            }
        }
        boolean sse = stream && "sse".equals(request.queryParam("alt"));
        return new Incoming.Generate(new RequestFacts(seq, model, stream, false, sse, Turn.tokens(chars), lastUser));
    }

    @Override
    public Reply answer(Turn turn, RequestFacts facts) {
        List<ObjectNode> chunks = new ArrayList<>();
        switch (turn.answer()) {
            case Step.ToolCall call -> {
                ObjectNode part = Json.object();
                part.putObject("functionCall").put("name", call.name()).set("args", argumentsObject(call));
                part.put("thoughtSignature", SIGNATURE);
                chunks.add(response(facts, candidate(List.of(part), "STOP"), finalUsage(turn)));
            }
            case Step.Refusal refusal -> chunks.add(response(facts, blocked(), finalUsage(turn)));
            default -> {
                List<String> words = facts.stream() ? turn.words() : List.of(turn.text());
                for (int i = 0; i < words.size(); i++) {
                    boolean last = i == words.size() - 1;
                    ObjectNode part = Json.object().put("text", words.get(i));
                    chunks.add(response(facts, candidate(List.of(part), last ? "STOP" : null),
                            last ? finalUsage(turn) : promptUsage(turn.usage().inputTokens())));
                }
            }
        }
        return facts.stream() ? stream(facts, chunks) : new Reply.Whole(200, headers(JSON), Json.bytes(chunks.getFirst()));
    }

    @Override
    public Reply error(Fault.ErrorKind kind, RequestFacts facts) {
        if (kind instanceof Fault.ContentFiltered) {
            // Gemini blocks a prompt on a 200: promptFeedback and no candidates (§3.6)
            ObjectNode blocked = Json.object();
            ObjectNode feedback = blocked.putObject("promptFeedback").put("blockReason", "SAFETY");
            feedback.set("safetyRatings", safetyRatings());
            blocked.set("usageMetadata", promptUsage(facts.inputTokens()));
            blocked.put("modelVersion", facts.model()).put("responseId", "sim" + facts.seq());
            return facts.stream() ? stream(facts, List.of(blocked)) : new Reply.Whole(200, headers(JSON), Json.bytes(blocked));
        }
        ObjectNode body = errorBody(kind, facts);
        return new Reply.Whole(body.get("error").get("code").asInt(), headers(JSON), Json.bytes(body));
    }

    @Override
    public byte[] streamError(Fault.ErrorKind kind, RequestFacts facts) {
        if (kind instanceof Fault.ContentFiltered) {
            // after content has flowed, a filter shows as a SAFETY finish with emptied content (§5.2)
            return frame(facts, response(facts, blocked(), promptUsage(facts.inputTokens())), false, true);
        }
        return frame(facts, errorBody(kind, facts), false, true);
    }

    private static ObjectNode errorBody(Fault.ErrorKind kind, RequestFacts facts) {
        return switch (kind) {
            case Fault.RateLimited r -> quota(facts, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "15",
                    WaitFormat.protobufDuration(r.retryAfter()));
            case Fault.QuotaExhausted q -> quota(facts, "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "1500", "37s");
            case Fault.Overloaded o -> status(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
            case Fault.ServerError s -> switch (s.status()) {
                case 503 -> status(503, "UNAVAILABLE", "The service is currently unavailable.");
                case 504 -> status(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
                case 501 -> status(501, "UNIMPLEMENTED", "Operation is not implemented, or supported, or enabled.");
                default -> status(s.status(), "INTERNAL", "An internal error has occurred. Please retry or report in"
                        + " https://developers.generativeai.google/guide/troubleshooting");
            };
            case Fault.ContextTooLong c -> status(400, "INVALID_ARGUMENT", "The input token count ("
                    + Math.max(facts.inputTokens(), CONTEXT_WINDOW + 1) + ") exceeds the maximum number of tokens allowed ("
                    + CONTEXT_WINDOW + ").");
            case Fault.InvalidRequest i -> status(400, "INVALID_ARGUMENT", i.message());
            case Fault.Unauthorized u -> invalidKey();
            case Fault.ModelNotFound m -> status(404, "NOT_FOUND", "models/" + facts.model() + " is not found for API"
                    + " version v1beta, or is not supported for generateContent. Call ListModels to see the list of"
                    + " available models and their supported methods.");
            case Fault.ContentFiltered c -> throw new IllegalStateException("content filtering is a 200 on Gemini");
        };
    }

    /** A 429 {@code RESOURCE_EXHAUSTED} with QuotaFailure, Help and RetryInfo details (§3.8, §3.9). */
    private static ObjectNode quota(RequestFacts facts, String quotaId, String limit, String retryDelay) {
        ObjectNode body = status(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and"
                + " billing details. For more information on this error, head to: " + RETRY_HELP + ".\n* Quota exceeded"
                + " for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: " + limit
                + ", model: " + facts.model() + "\nPlease retry in " + retryDelay + ".");
        ArrayNode details = ((ObjectNode) body.get("error")).putArray("details");
        ObjectNode violation = details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                .putArray("violations").addObject();
        violation.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
        violation.put("quotaId", quotaId);
        violation.putObject("quotaDimensions").put("location", "global").put("model", facts.model());
        violation.put("quotaValue", limit);
        details.addObject().put("@type", "type.googleapis.com/google.rpc.Help").putArray("links").addObject()
                .put("description", "Learn more about Gemini API quotas").put("url", RETRY_HELP);
        details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", retryDelay);
        return body;
    }

    /** 400 {@code INVALID_ARGUMENT} with {@code ErrorInfo.reason: API_KEY_INVALID}: how Gemini rejects a bad key. */
    private static ObjectNode invalidKey() {
        ObjectNode body = status(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        ArrayNode details = ((ObjectNode) body.get("error")).putArray("details");
        ObjectNode info = details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com");
        info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                .put("locale", "en-US").put("message", "API key not valid. Please pass a valid API key.");
        return body;
    }

    private static ObjectNode status(int code, String status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return body;
    }

    private static Reply status(int code, ObjectNode body) {
        return new Reply.Whole(code, headers(JSON), Json.bytes(body));
    }

    private static Incoming answered(String model, boolean stream, int code, String status, String message) {
        return new Incoming.Answered(model, stream, status(code, status(code, status, message)));
    }

    private static Reply models() {
        ObjectNode body = Json.object();
        ObjectNode model = body.putArray("models").addObject();
        model.put("name", "models/gemini-2.5-flash").put("displayName", "Gemini 2.5 Flash")
                .put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 65_536);
        model.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
        return new Reply.Whole(200, headers(JSON), Json.bytes(body));
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("vary", "Origin, X-Origin, Referer");
        return headers;
    }

    private static Reply stream(RequestFacts facts, List<ObjectNode> chunks) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            events.add(frame(facts, chunks.get(i), i == 0, i == chunks.size() - 1));
        }
        return new Reply.Stream(200, headers(facts.sse() ? SSE : JSON), events);
    }

    /** One chunk framed as SSE ({@code alt=sse}) or as an element of the streamed JSON array. */
    private static byte[] frame(RequestFacts facts, ObjectNode chunk, boolean first, boolean last) {
        boolean sse = facts.sse();
        String text = sse
                ? "data: " + Json.text(chunk) + "\r\n\r\n"
                : (first ? "[" : ",\r\n") + Json.text(chunk) + (last ? "\n]" : "\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode response(RequestFacts facts, ObjectNode candidate, ObjectNode usage) {
        ObjectNode response = Json.object();
        response.putArray("candidates").add(candidate);
        response.set("usageMetadata", usage);
        response.put("modelVersion", facts.model());
        response.put("responseId", "sim" + facts.seq());
        return response;
    }

    private static ObjectNode candidate(List<ObjectNode> parts, String finishReason) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        ArrayNode array = content.putArray("parts");
        parts.forEach(array::add);
        if (finishReason != null) candidate.put("finishReason", finishReason);
        candidate.put("index", 0);
        return candidate;
    }

    /** A SAFETY finish with the content removed, as Gemini sends a blocked answer. */
    private static ObjectNode blocked() {
        ObjectNode candidate = Json.object().put("finishReason", "SAFETY").put("index", 0);
        candidate.set("safetyRatings", safetyRatings());
        return candidate;
    }

    private static ArrayNode safetyRatings() {
        ArrayNode ratings = Json.array();
        ratings.addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT").put("probability", "HIGH").put("blocked", true);
        ratings.addObject().put("category", "HARM_CATEGORY_HARASSMENT").put("probability", "NEGLIGIBLE");
        return ratings;
    }

    private static ObjectNode promptUsage(long inputTokens) {
        return Json.object().put("promptTokenCount", inputTokens).put("totalTokenCount", inputTokens);
    }

    private static ObjectNode finalUsage(Turn turn) {
        long in = turn.usage().inputTokens();
        long out = turn.usage().outputTokens();
        ObjectNode usage = Json.object().put("promptTokenCount", in).put("candidatesTokenCount", out)
                .put("totalTokenCount", in + out);
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", in);
        return usage;
    }

    private static ObjectNode argumentsObject(Step.ToolCall call) {
        ObjectNode parsed = Json.parseObject(call.argumentsJson().getBytes(StandardCharsets.UTF_8));
        return parsed != null ? parsed : Json.object();
    }

    private static boolean missesSignature(JsonNode content) {
        for (JsonNode part : content.path("parts")) {
            if (part.has("functionCall") && !part.path("thoughtSignature").isTextual()) return true;
        }
        return false;
    }

    private static long textChars(JsonNode content) {
        long chars = 0;
        for (JsonNode part : content.path("parts")) {
            if (part.path("text").isTextual()) chars += part.get("text").asText().length();
        }
        return chars;
    }

    private static String joinedText(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            if (part.path("text").isTextual()) {
                if (!text.isEmpty()) text.append(' ');
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }
}
