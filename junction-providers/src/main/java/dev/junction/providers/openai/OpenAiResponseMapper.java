package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both directions of the {@code chat.completion} body: {@link #parse} reads an upstream's answer into a
 * neutral {@link ChatResult}; {@link #write} renders a {@code ChatResult} as the body the gateway returns
 * to its callers. The stream chunk counterparts are in {@link OpenAiChunkWriter}.
 *
 * <p>A refusal ({@code message.refusal}) becomes the message text with finish reason
 * {@code content_filter}, so a caller sees why; DeepSeek's {@code reasoning_content} (Ollama's and
 * Groq's {@code reasoning}) becomes a {@link ContentPart.Reasoning} part.
 */
public final class OpenAiResponseMapper {
    private final OpenAiErrorClassifier classifier;

    public OpenAiResponseMapper(OpenAiErrorClassifier classifier) { this.classifier = classifier; }

    /**
     * Reads a 2xx upstream body.
     *
     * @throws ProviderException for an error payload, a malformed body, or DeepSeek's
     *                           {@code insufficient_system_resource} (overloaded)
     */
    public ChatResult parse(byte[] upstreamBody) {
        JsonNode root;
        try {
            root = OpenAiRequestMapper.TREE.readTree(upstreamBody);
        } catch (IOException e) {
            throw malformed("response body is not valid JSON");
        }
        if (root == null || !root.isObject()) throw malformed("response body is not a JSON object");
        if (root.hasNonNull(ERROR)) throw new ProviderException(classifier.classify(200, Map.of(), upstreamBody));
        JsonNode choices = root.get(CHOICES);
        if (choices == null || !choices.isArray() || choices.isEmpty()) throw malformed("response has no choices");
        JsonNode choice = choices.get(0);
        JsonNode message = choice.get(MESSAGE);
        if (message == null || !message.isObject()) throw malformed("response choice has no message");

        List<ContentPart> parts = new ArrayList<>();
        String reasoning = text(message, REASONING_CONTENT);
        if (reasoning == null) reasoning = text(message, REASONING);
        if (reasoning != null && !reasoning.isEmpty()) parts.add(new ContentPart.Reasoning(reasoning));
        String content = text(message, CONTENT);
        String refusal = text(message, REFUSAL);
        if (content != null) parts.add(new ContentPart.Text(content));
        else if (refusal != null) parts.add(new ContentPart.Text(refusal));
        JsonNode calls = message.get(TOOL_CALLS);
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.path(FUNCTION);
                String id = text(call, ID);
                String name = text(fn, NAME);
                if (id == null || name == null) throw malformed("tool call without id or name");
                parts.add(new ContentPart.ToolCall(id, name, text(fn, ARGUMENTS)));
            }
        }
        FinishReason reason = finishReason(text(choice, FINISH_REASON), calls != null && calls.size() > 0);
        if (refusal != null) reason = FinishReason.CONTENT_FILTER;
        return new ChatResult(new Message.AssistantMessage(parts), reason, usage(root.get(USAGE)), text(root, ID), text(root, MODEL));
    }

    /**
     * Maps a wire finish reason. Tool calls win over {@code stop} (OpenAI answers a forced named
     * tool_choice with {@code stop}); an absent or unknown reason reads as {@code stop}.
     *
     * @throws ProviderException overloaded, for DeepSeek's {@code insufficient_system_resource}
     */
    static FinishReason finishReason(String wire, boolean hasToolCalls) {
        if (FINISH_INSUFFICIENT_SYSTEM_RESOURCE.equals(wire)) {
            throw new ProviderException(new Failure(ErrorClass.OVERLOADED, 200, null, wire, "inference interrupted: insufficient system resource"));
        }
        FinishReason reason = FinishReason.STOP;
        if (wire != null) {
            for (FinishReason r : FinishReason.values()) if (r.wireName().equals(wire)) reason = r;
            if (FINISH_FUNCTION_CALL.equals(wire)) reason = FinishReason.TOOL_CALLS;
        }
        return hasToolCalls && reason == FinishReason.STOP ? FinishReason.TOOL_CALLS : reason;
    }

    /** Reads a {@code usage} object (OpenAI's, or DeepSeek's cache fields); zero when absent. */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.ZERO;
        long cached = usage.path(PROMPT_TOKENS_DETAILS).path(CACHED_TOKENS).asLong(0);
        if (cached == 0) cached = usage.path(PROMPT_CACHE_HIT_TOKENS).asLong(0);
        return new Usage(usage.path(PROMPT_TOKENS).asLong(0), cached, usage.path(COMPLETION_TOKENS).asLong(0),
                usage.path(COMPLETION_TOKENS_DETAILS).path(REASONING_TOKENS).asLong(0));
    }

    /**
     * The exact {@code chat.completion} body the gateway answers with.
     *
     * @param model the served model as {@code PROVIDER/MODEL}
     */
    public static byte[] write(ChatResult result, String id, String model, long created) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = OpenAiRequestMapper.JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(ID, id);
            g.writeStringField(OBJECT, OBJECT_COMPLETION);
            g.writeNumberField(CREATED, created);
            g.writeStringField(MODEL, model);
            g.writeArrayFieldStart(CHOICES);
            g.writeStartObject();
            g.writeNumberField(INDEX, 0);
            g.writeObjectFieldStart(MESSAGE);
            g.writeStringField(ROLE, ROLE_ASSISTANT);
            Message.AssistantMessage message = result.message();
            String text = message.textOrNull();
            List<ContentPart.ToolCall> calls = message.toolCalls();
            if (text == null && calls.isEmpty()) text = "";
            if (text == null) g.writeNullField(CONTENT);
            else g.writeStringField(CONTENT, text);
            if (!calls.isEmpty()) {
                g.writeArrayFieldStart(TOOL_CALLS);
                for (ContentPart.ToolCall c : calls) {
                    g.writeStartObject();
                    g.writeStringField(ID, c.id());
                    g.writeStringField(TYPE, TYPE_FUNCTION);
                    g.writeObjectFieldStart(FUNCTION);
                    g.writeStringField(NAME, c.name());
                    g.writeStringField(ARGUMENTS, c.arguments());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeNullField(LOGPROBS);
            g.writeStringField(FINISH_REASON, result.finishReason().wireName());
            g.writeEndObject();
            g.writeEndArray();
            writeUsage(g, result.usage());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One stream chunk for the gateway's SSE output; see {@link OpenAiChunkWriter}. Null for reasoning. */
    public static byte[] writeChunk(dev.junction.model.StreamEvent event, String id, String model, long created) {
        return OpenAiChunkWriter.writeChunk(event, id, model, created);
    }

    static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
        g.writeObjectFieldStart(USAGE);
        g.writeNumberField(PROMPT_TOKENS, usage.inputTokens());
        g.writeNumberField(COMPLETION_TOKENS, usage.outputTokens());
        g.writeNumberField(TOTAL_TOKENS, usage.totalTokens());
        g.writeObjectFieldStart(PROMPT_TOKENS_DETAILS);
        g.writeNumberField(CACHED_TOKENS, usage.cachedInputTokens());
        g.writeEndObject();
        g.writeObjectFieldStart(COMPLETION_TOKENS_DETAILS);
        g.writeNumberField(REASONING_TOKENS, usage.reasoningTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    static String text(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ProviderException malformed(String message) {
        return new ProviderException(new Failure(ErrorClass.SERVER_ERROR, 200, null, null, message));
    }
}
