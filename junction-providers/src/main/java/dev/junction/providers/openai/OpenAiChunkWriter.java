package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code chat.completion.chunk} JSON the gateway streams to its callers (reference/providers.md
 * §6.2): the role chunk, content deltas, tool call deltas, the finish chunk and the usage chunk. Each
 * method returns one chunk's JSON; SSE framing ({@code data: ...\n\n}) is the writer's job. Every
 * chunk of one response carries the same {@code id}, {@code created} and served {@code model}.
 */
public final class OpenAiChunkWriter {
    private OpenAiChunkWriter() {}

    /** The chunk for one neutral event, or null when the event has no OpenAI chunk (reasoning). */
    public static byte[] writeChunk(StreamEvent event, String id, String model, long created) {
        return switch (event) {
            case StreamEvent.Started s -> roleChunk(id, model, created);
            case StreamEvent.TextDelta t -> contentChunk(id, model, created, t.text());
            // OpenAI's chunk type has no reasoning field; official SDKs are safe without it
            case StreamEvent.ReasoningDelta r -> null;
            case StreamEvent.ToolCallDelta c -> toolCallChunk(id, model, created, c);
            case StreamEvent.UsageReported u -> usageChunk(id, model, created, u.usage());
            case StreamEvent.Finished f -> finishChunk(id, model, created, f.reason());
        };
    }

    /** {@code delta: {"role":"assistant","content":""}}. */
    public static byte[] roleChunk(String id, String model, long created) {
        return chunk(id, model, created, g -> {
            g.writeStringField(ROLE, ROLE_ASSISTANT);
            g.writeStringField(CONTENT, "");
        }, null);
    }

    public static byte[] contentChunk(String id, String model, long created, String text) {
        return chunk(id, model, created, g -> g.writeStringField(CONTENT, text), null);
    }

    /** A tool call start (with id and name, {@code arguments} possibly empty) or an arguments fragment. */
    public static byte[] toolCallChunk(String id, String model, long created, StreamEvent.ToolCallDelta call) {
        return chunk(id, model, created, g -> {
            g.writeArrayFieldStart(TOOL_CALLS);
            g.writeStartObject();
            g.writeNumberField(INDEX, call.index());
            if (call.id() != null) {
                g.writeStringField(ID, call.id());
                g.writeStringField(TYPE, TYPE_FUNCTION);
            }
            g.writeObjectFieldStart(FUNCTION);
            if (call.name() != null) g.writeStringField(NAME, call.name());
            g.writeStringField(ARGUMENTS, call.argumentsFragment() == null ? "" : call.argumentsFragment());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        }, null);
    }

    /** {@code delta: {}} with the finish reason. */
    public static byte[] finishChunk(String id, String model, long created, FinishReason reason) {
        return chunk(id, model, created, g -> { }, reason.wireName());
    }

    /** {@code choices: []} with the full usage; sent only when the caller asked for it. */
    public static byte[] usageChunk(String id, String model, long created, Usage usage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = OpenAiRequestMapper.JSON_FACTORY.createGenerator(out)) {
            header(g, id, model, created);
            g.writeArrayFieldStart(CHOICES);
            g.writeEndArray();
            OpenAiResponseMapper.writeUsage(g, usage);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface DeltaBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] chunk(String id, String model, long created, DeltaBody delta, String finishReason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = OpenAiRequestMapper.JSON_FACTORY.createGenerator(out)) {
            header(g, id, model, created);
            g.writeArrayFieldStart(CHOICES);
            g.writeStartObject();
            g.writeNumberField(INDEX, 0);
            g.writeObjectFieldStart(DELTA);
            delta.write(g);
            g.writeEndObject();
            g.writeNullField(LOGPROBS);
            if (finishReason == null) g.writeNullField(FINISH_REASON);
            else g.writeStringField(FINISH_REASON, finishReason);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void header(JsonGenerator g, String id, String model, long created) throws IOException {
        g.writeStartObject();
        g.writeStringField(ID, id);
        g.writeStringField(OBJECT, OBJECT_CHUNK);
        g.writeNumberField(CREATED, created);
        g.writeStringField(MODEL, model);
    }
}
