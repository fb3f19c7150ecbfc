package dev.junction.providers.anthropic;

import static dev.junction.providers.anthropic.AnthropicWire.*;

import com.fasterxml.jackson.core.JsonProcessingException;
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

/**
 * Reads a Messages response (reference/providers.md §2.4) into a neutral {@link ChatResult}: text
 * blocks become text, {@code tool_use} blocks tool calls (their {@code input} object serialized back
 * to a JSON text), {@code thinking} blocks reasoning; {@code redacted_thinking} and block types
 * Junction does not know are left out. Usage and stop reasons follow §7.4 and §7.3. Stateless and
 * thread-safe.
 */
public final class AnthropicResponseMapper {
    private final AnthropicErrorClassifier classifier;

    public AnthropicResponseMapper(AnthropicErrorClassifier classifier) { this.classifier = classifier; }

    /**
     * Reads a 2xx upstream body.
     *
     * @throws ProviderException for an error payload, or {@code server_error} for a malformed body
     */
    public ChatResult parse(byte[] upstreamBody) {
        JsonNode root;
        try {
            root = AnthropicRequestMapper.TREE.readTree(upstreamBody);
        } catch (IOException e) {
            throw malformed("response body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw malformed("response body is not a JSON object");
        if (ERROR.equals(text(root, TYPE)) || root.path(ERROR).isObject()) {
            throw new ProviderException(classifier.classify(200, Map.of(), upstreamBody));
        }
        JsonNode content = root.get(CONTENT);
        if (content == null || !content.isArray()) throw malformed("response has no content array");

        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : content) {
            switch (text(block, TYPE) == null ? "" : text(block, TYPE)) {
                case BLOCK_TEXT -> parts.add(new ContentPart.Text(block.path(TEXT).asText("")));
                case BLOCK_TOOL_USE -> {
                    String id = text(block, ID);
                    String name = text(block, NAME);
                    if (id == null || name == null) throw malformed("tool_use block without id or name");
                    parts.add(new ContentPart.ToolCall(id, name, json(block.get(INPUT))));
                }
                case BLOCK_THINKING -> {
                    String thinking = text(block, THINKING);
                    if (thinking != null && !thinking.isEmpty()) parts.add(new ContentPart.Reasoning(thinking));
                }
                default -> { }               // redacted_thinking, server tool blocks: nothing a caller can use
            }
        }
        return new ChatResult(new Message.AssistantMessage(parts), finishReason(text(root, STOP_REASON)),
                usage(root.get(USAGE)), text(root, ID), text(root, MODEL));
    }

    /** Maps a {@code stop_reason} (§7.3); an absent or unknown one reads as {@code stop}. */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) return FinishReason.STOP;
        return switch (stopReason) {
            case STOP_MAX_TOKENS, STOP_CONTEXT_WINDOW -> FinishReason.LENGTH;
            case STOP_TOOL_USE -> FinishReason.TOOL_CALLS;
            case STOP_REFUSAL -> FinishReason.CONTENT_FILTER;
            // end_turn, stop_sequence, pause_turn (server tools only) and values added later
            default -> FinishReason.STOP;
        };
    }

    /** Reads a {@code usage} object; zero when absent. */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.ZERO;
        return usage(usage.path(INPUT_TOKENS).asLong(0), usage.path(CACHE_CREATION_INPUT_TOKENS).asLong(0),
                usage.path(CACHE_READ_INPUT_TOKENS).asLong(0), usage.path(OUTPUT_TOKENS).asLong(0),
                usage.path(OUTPUT_TOKENS_DETAILS).path(THINKING_TOKENS).asLong(0));
    }

    /**
     * Neutral usage from Anthropic's parts (§7.4): {@code input_tokens} excludes cache reads and
     * writes, the neutral input includes both; {@code output_tokens} already includes thinking.
     */
    static Usage usage(long input, long cacheCreation, long cacheRead, long output, long thinking) {
        return new Usage(input + cacheCreation + cacheRead, cacheRead, output, thinking);
    }

    private static String json(JsonNode input) {
        if (input == null || input.isNull()) return "{}";
        try {
            return AnthropicRequestMapper.TREE.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw malformed("tool_use input could not be serialized");
        }
    }

    static String text(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ProviderException malformed(String message) {
        return new ProviderException(new Failure(ErrorClass.SERVER_ERROR, 200, null, null, message));
    }
}
