package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
        // a streaming read, not a tree: this runs for every answer, and the tree cost twice as much
        Body body = new Body();
        try (JsonParser p = OpenAiRequestMapper.JSON_FACTORY.createParser(upstreamBody)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw malformed("response body is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case ERROR -> body.error = value != JsonToken.VALUE_NULL;
                    case CHOICES -> body.choices(p, value);
                    case USAGE -> body.usage = value == JsonToken.START_OBJECT ? usage(p) : skip(p, Usage.ZERO);
                    case ID -> body.id = text(p, value);
                    case MODEL -> body.model = text(p, value);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw malformed("response body is not valid JSON");
        }
        if (body.error) throw new ProviderException(classifier.classify(200, Map.of(), upstreamBody));
        if (body.choiceCount == 0) throw malformed("response has no choices");
        if (!body.hasMessage) throw malformed("response choice has no message");
        if (body.toolCallWithoutIdOrName) throw malformed("tool call without id or name");

        List<ContentPart> parts = new ArrayList<>();
        String reasoning = body.reasoningContent != null ? body.reasoningContent : body.reasoning;
        if (reasoning != null && !reasoning.isEmpty()) parts.add(new ContentPart.Reasoning(reasoning));
        if (body.content != null) parts.add(new ContentPart.Text(body.content));
        else if (body.refusal != null) parts.add(new ContentPart.Text(body.refusal));
        parts.addAll(body.toolCalls);
        FinishReason reason = finishReason(body.finishReason, !body.toolCalls.isEmpty());
        if (body.refusal != null) reason = FinishReason.CONTENT_FILTER;
        return new ChatResult(new Message.AssistantMessage(parts), reason, body.usage, body.id, body.model);
    }

    /** What {@link #parse} keeps of a {@code chat.completion} body: the first choice, usage, id and model. */
    private static final class Body {
        boolean error;
        int choiceCount;
        boolean hasMessage;
        boolean toolCallWithoutIdOrName;
        String content, refusal, reasoningContent, reasoning, finishReason, id, model;
        final List<ContentPart.ToolCall> toolCalls = new ArrayList<>();
        Usage usage = Usage.ZERO;

        void choices(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (choiceCount++ == 0 && p.currentToken() == JsonToken.START_OBJECT) choice(p);
                else p.skipChildren();
            }
        }

        private void choice(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(MESSAGE) && value == JsonToken.START_OBJECT) message(p);
                else if (field.equals(MESSAGE)) hasMessage = skip(p, false);
                else if (field.equals(FINISH_REASON)) finishReason = text(p, value);
                else p.skipChildren();
            }
        }

        private void message(JsonParser p) throws IOException {
            hasMessage = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case CONTENT -> content = text(p, value);
                    case REFUSAL -> refusal = text(p, value);
                    case REASONING_CONTENT -> reasoningContent = text(p, value);
                    case REASONING -> reasoning = text(p, value);
                    case TOOL_CALLS -> toolCalls(p, value);
                    default -> p.skipChildren();
                }
            }
        }

        private void toolCalls(JsonParser p, JsonToken value) throws IOException {
            toolCalls.clear();
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String callId = null, name = null, arguments = null;
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (field.equals(ID)) {
                            callId = text(p, v);
                        } else if (field.equals(FUNCTION) && v == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken fv = p.nextToken();
                                if (f.equals(NAME)) name = text(p, fv);
                                else if (f.equals(ARGUMENTS)) arguments = text(p, fv);
                                else p.skipChildren();
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
                if (callId == null || name == null) toolCallWithoutIdOrName = true;
                else toolCalls.add(new ContentPart.ToolCall(callId, name, arguments));
            }
        }
    }

    /** A field's value as text, as {@link JsonNode#asText} gives it: null for null, "" for an object or array. */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return null;
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) return skip(p, "");
        return p.getText();
    }

    private static <T> T skip(JsonParser p, T result) throws IOException {
        p.skipChildren();
        return result;
    }

    /** Reads a {@code usage} object the parser stands at the start of; the fields {@link #usage(JsonNode)} reads. */
    private static Usage usage(JsonParser p) throws IOException {
        long input = 0, cached = 0, cacheHit = 0, output = 0, reasoning = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case PROMPT_TOKENS -> input = number(p, value);
                case COMPLETION_TOKENS -> output = number(p, value);
                case PROMPT_CACHE_HIT_TOKENS -> cacheHit = number(p, value);
                case PROMPT_TOKENS_DETAILS -> cached = nested(p, value, CACHED_TOKENS);
                case COMPLETION_TOKENS_DETAILS -> reasoning = nested(p, value, REASONING_TOKENS);
                default -> p.skipChildren();
            }
        }
        return new Usage(input, cached != 0 ? cached : cacheHit, output, reasoning);
    }

    private static long nested(JsonParser p, JsonToken value, String name) throws IOException {
        if (value != JsonToken.START_OBJECT) return skip(p, 0L);
        long found = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(name)) found = number(p, v);
            else p.skipChildren();
        }
        return found;
    }

    /** A token count as {@code asLong(0)} reads it: numbers (truncated), numeric strings, else 0. */
    private static long number(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
            case VALUE_STRING -> p.getValueAsLong(0);
            case VALUE_TRUE -> 1;
            case START_OBJECT, START_ARRAY -> skip(p, 0L);
            default -> 0;
        };
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(result));
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

    /** The body's size to set aside: its fixed fields and the answer's text and tool calls, so the buffer never grows. */
    private static int sizeHint(ChatResult result) {
        int n = 640;
        for (ContentPart p : result.message().parts()) {
            if (p instanceof ContentPart.Text t) n += t.text().length() + t.text().length() / 8;
            else if (p instanceof ContentPart.ToolCall c) n += 96 + c.name().length() + (c.arguments() == null ? 0 : c.arguments().length() * 9 / 8);
        }
        return n;
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
