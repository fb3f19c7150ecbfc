package dev.junction.providers.gemini;

import static dev.junction.providers.gemini.GeminiWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reads a {@code GenerateContentResponse} (reference/providers.md §3.6) into a neutral
 * {@link ChatResult}; the gateway renders that with the OpenAI mapper. Only the first candidate is
 * read (Junction never asks for more).
 *
 * <p>Text parts become text, {@code thought: true} parts reasoning, {@code functionCall} parts tool
 * calls whose {@code arguments} is the compact JSON text of {@code args} and whose id carries the
 * part's thought signature ({@link GeminiToolCallIds}). A prompt blocked by {@code promptFeedback}
 * is an empty answer with finish reason {@code content_filter}, as is a {@code SAFETY}-style finish;
 * the runner decides from that whether to fall back.
 *
 * <p><b>Finish reasons (§7.3).</b> {@code STOP} is {@code tool_calls} when the answer has a function
 * call; {@code MAX_TOKENS} is {@code length}; the safety family is {@code content_filter};
 * {@code MALFORMED_FUNCTION_CALL}, {@code UNEXPECTED_TOOL_CALL} and {@code TOO_MANY_TOOL_CALLS} have
 * no OpenAI equivalent and leave nothing usable, so they fail as {@code server_error}, which another
 * attempt or model may fix; anything else is {@code stop}.
 */
public final class GeminiResponseMapper {
    private final GeminiErrorClassifier classifier;
    private final GeminiToolCallIds ids;

    public GeminiResponseMapper(GeminiErrorClassifier classifier) {
        this(classifier, new GeminiToolCallIds(new Random()));
    }

    GeminiResponseMapper(GeminiErrorClassifier classifier, GeminiToolCallIds ids) {
        this.classifier = classifier;
        this.ids = ids;
    }

    /**
     * Reads a 2xx upstream body.
     *
     * @throws ProviderException for an error payload, a malformed body, or a finish reason that leaves
     *                           no usable answer
     */
    public ChatResult parse(byte[] upstreamBody) {
        JsonNode root;
        try {
            root = GeminiRequestMapper.TREE.readTree(upstreamBody);
        } catch (IOException e) {
            throw malformed("response body is not valid JSON");
        }
        if (root != null && root.isArray() && root.size() == 1) root = root.get(0);
        if (root == null || !root.isObject()) throw malformed("response body is not a JSON object");
        if (root.hasNonNull(ERROR)) throw new ProviderException(classifier.classify(200, Map.of(), upstreamBody));
        Usage usage = usage(root.get(USAGE_METADATA));
        String responseId = text(root, RESPONSE_ID);
        String model = text(root, MODEL_VERSION);
        JsonNode candidates = root.get(CANDIDATES);
        if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
            if (promptBlocked(root)) {
                return new ChatResult(new Message.AssistantMessage(List.of()), FinishReason.CONTENT_FILTER, usage, responseId, model);
            }
            throw malformed("response has no candidates");
        }
        JsonNode candidate = candidates.get(0);
        List<ContentPart> parts = new ArrayList<>();
        boolean calls = false;
        for (JsonNode part : candidate.path(CONTENT).path(PARTS)) {
            JsonNode call = part.get(FUNCTION_CALL);
            if (call != null && call.isObject()) {
                parts.add(toolCall(call, text(part, THOUGHT_SIGNATURE)));
                calls = true;
                continue;
            }
            String text = text(part, TEXT);
            if (text == null) continue;
            parts.add(part.path(THOUGHT).asBoolean(false) ? new ContentPart.Reasoning(text) : new ContentPart.Text(text));
        }
        FinishReason reason = finishReason(text(candidate, FINISH_REASON), calls);
        return new ChatResult(new Message.AssistantMessage(parts), reason, usage, responseId, model);
    }

    /** One {@code functionCall} as a tool call with its handed-out id. */
    ContentPart.ToolCall toolCall(JsonNode call, String signature) {
        String name = text(call, NAME);
        if (name == null) throw malformed("function call without a name");
        JsonNode args = call.get(ARGS);
        String arguments = args == null || args.isNull() ? "{}" : args.toString();
        return new ContentPart.ToolCall(ids.encode(text(call, ID), signature), name, arguments);
    }

    /** True when the prompt itself was blocked: {@code promptFeedback.blockReason} is set. */
    static boolean promptBlocked(JsonNode response) {
        return text(response.path(PROMPT_FEEDBACK), BLOCK_REASON) != null;
    }

    /**
     * Maps a {@code finishReason} (§7.3); null (not finished) reads as {@code stop}.
     *
     * @throws ProviderException {@code server_error} for a function-calling failure of the model
     */
    static FinishReason finishReason(String wire, boolean hasToolCalls) {
        if (wire == null) return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        return switch (wire) {
            case FINISH_STOP -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case FINISH_MAX_TOKENS -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                 "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS" -> throw new ProviderException(
                    new Failure(ErrorClass.SERVER_ERROR, 200, null, wire, "the model ended with " + wire + "; no usable answer"));
            default -> FinishReason.STOP;
        };
    }

    /** Reads {@code usageMetadata} with OpenAI's meanings (§7.4); zero when absent. */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.ZERO;
        long thoughts = usage.path(THOUGHTS_TOKEN_COUNT).asLong(0);
        return new Usage(usage.path(PROMPT_TOKEN_COUNT).asLong(0) + usage.path(TOOL_USE_PROMPT_TOKEN_COUNT).asLong(0),
                usage.path(CACHED_CONTENT_TOKEN_COUNT).asLong(0),
                usage.path(CANDIDATES_TOKEN_COUNT).asLong(0) + thoughts, thoughts);
    }

    static String text(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static ProviderException malformed(String message) {
        return new ProviderException(new Failure(ErrorClass.SERVER_ERROR, 200, null, null, message));
    }
}
