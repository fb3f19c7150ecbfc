package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ResponseFormat;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolSpec;
import dev.junction.providers.http.MappedRequest;
import dev.junction.providers.http.RequestBytes;
import dev.junction.providers.json.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Both directions of the Chat Completions request body. The gateway's inbound surface is OpenAI's, so
 * {@link #parse} reads a client's body into the neutral {@link ChatRequest}; {@link #write} renders a
 * {@code ChatRequest} as the body for an OpenAI-compatible upstream, in one vendor's dialect.
 *
 * <p>Writing streams with a {@link JsonGenerator} from one shared {@link JsonFactory}; unset fields
 * stay unset. Stateless and thread-safe.
 */
public final class OpenAiRequestMapper {
    static final JsonFactory JSON_FACTORY = new JsonFactory();
    static final ObjectMapper TREE = new ObjectMapper(JSON_FACTORY);
    private static final OpenAiRequestParser PARSER = new OpenAiRequestParser(TREE);

    /** Fields {@link #write} owns; an extension with one of these names would make a duplicate key. */
    private static final Set<String> WRITTEN = Set.of(MODEL, MESSAGES, TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS,
            RESPONSE_FORMAT, TEMPERATURE, TOP_P, STOP, MAX_COMPLETION_TOKENS, MAX_TOKENS, STREAM, STREAM_OPTIONS, USER);

    /**
     * A client's request as the gateway reads it.
     *
     * @param model    the {@code model} field: a route name or a {@code PROVIDER/MODEL} id
     * @param metadata the {@code metadata} map (tags for the ledger); empty when absent
     */
    public record ParsedRequest(String model, ChatRequest request, Map<String, String> metadata) {
        public ParsedRequest { metadata = Map.copyOf(metadata); }
    }

    /**
     * Reads a client's Chat Completions body.
     *
     * @throws dev.junction.error.JunctionException.InvalidRequest naming the offending field
     */
    public static ParsedRequest parse(byte[] body) { return PARSER.parse(body); }

    /** Renders {@code request} for an upstream in {@code dialect}, asking for {@code upstreamModel}. */
    public MappedRequest write(ChatRequest request, String upstreamModel, OpenAiDialect dialect) {
        List<String> dropped = new ArrayList<>();
        RequestBytes.Output out = new RequestBytes.Output(JsonText.sizeHint(request));
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(MODEL, upstreamModel);
            g.writeArrayFieldStart(MESSAGES);
            for (Message m : request.messages()) message(g, m, dialect);
            g.writeEndArray();
            if (!request.tools().isEmpty()) tools(g, request.tools());
            if (request.toolChoice() != null) toolChoice(g, request.toolChoice());
            if (request.parallelToolCalls() != null) g.writeBooleanField(PARALLEL_TOOL_CALLS, request.parallelToolCalls());
            if (request.responseFormat() != null) responseFormat(g, request.responseFormat());
            if (request.temperature() != null) g.writeNumberField(TEMPERATURE, request.temperature());
            if (request.topP() != null) g.writeNumberField(TOP_P, request.topP());
            if (request.stop() != null) {
                g.writeArrayFieldStart(STOP);
                for (String s : request.stop()) g.writeString(s);
                g.writeEndArray();
            }
            if (request.maxOutputTokens() != null) g.writeNumberField(dialect.maxTokensField(), request.maxOutputTokens());
            if (request.stream()) {
                g.writeBooleanField(STREAM, true);
                // always ask for usage so the ledger gets tokens; the gateway decides what its caller sees
                g.writeObjectFieldStart(STREAM_OPTIONS);
                g.writeBooleanField(INCLUDE_USAGE, true);
                g.writeEndObject();
            }
            if (request.user() != null) g.writeStringField(USER, request.user());
            for (Map.Entry<String, String> e : new TreeMap<>(request.extensions()).entrySet()) {
                if (WRITTEN.contains(e.getKey()) || !dialect.supportsExtension(e.getKey())) {
                    dropped.add(e.getKey());
                    continue;
                }
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MappedRequest(out.bytes(), dropped);
    }

    private static void message(JsonGenerator g, Message m, OpenAiDialect dialect) throws IOException {
        g.writeStartObject();
        switch (m) {
            case Message.SystemMessage s -> {
                g.writeStringField(ROLE, s.developer() && dialect.developerRole() ? ROLE_DEVELOPER : ROLE_SYSTEM);
                JsonText.textField(g, CONTENT, s);
            }
            case Message.UserMessage u -> {
                g.writeStringField(ROLE, ROLE_USER);
                userContent(g, u.parts());
            }
            case Message.AssistantMessage a -> assistant(g, a);
            case Message.ToolMessage t -> {
                g.writeStringField(ROLE, ROLE_TOOL);
                g.writeStringField(TOOL_CALL_ID, t.toolCallId());
                JsonText.field(g, CONTENT, t.resultText());
            }
        }
        g.writeEndObject();
    }

    private static void userContent(JsonGenerator g, List<ContentPart> parts) throws IOException {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
            JsonText.field(g, CONTENT, t);
            return;
        }
        g.writeArrayFieldStart(CONTENT);
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> {
                    g.writeStartObject();
                    g.writeStringField(TYPE, TYPE_TEXT);
                    JsonText.field(g, TEXT, t);
                    g.writeEndObject();
                }
                case ContentPart.Image img -> {
                    g.writeStartObject();
                    g.writeStringField(TYPE, IMAGE_URL);
                    g.writeObjectFieldStart(IMAGE_URL);
                    g.writeStringField(URL, img.url());
                    if (img.detail() != null) g.writeStringField(DETAIL, img.detail());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case ContentPart.ToolResult r -> {
                    g.writeStartObject();
                    g.writeStringField(TYPE, TYPE_TEXT);
                    JsonText.field(g, TEXT, r.content());
                    g.writeEndObject();
                }
                // reasoning and tool calls never come from a user
                case ContentPart.Reasoning ignored -> { }
                case ContentPart.ToolCall ignored -> { }
            }
        }
        g.writeEndArray();
    }

    private static void assistant(JsonGenerator g, Message.AssistantMessage a) throws IOException {
        g.writeStringField(ROLE, ROLE_ASSISTANT);
        List<ContentPart.ToolCall> calls = a.toolCalls();
        // reasoning parts are not sent back: OpenAI-compatible servers do not take them as input
        if (a.hasText()) JsonText.textField(g, CONTENT, a); // keeps a long text's caller bytes, undecoded
        else if (calls.isEmpty()) g.writeStringField(CONTENT, "");
        else g.writeNullField(CONTENT);
        if (calls.isEmpty()) return;
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

    private static void tools(JsonGenerator g, List<ToolSpec> tools) throws IOException {
        g.writeArrayFieldStart(TOOLS);
        for (ToolSpec t : tools) {
            g.writeStartObject();
            g.writeStringField(TYPE, TYPE_FUNCTION);
            g.writeObjectFieldStart(FUNCTION);
            g.writeStringField(NAME, t.name());
            if (t.description() != null) g.writeStringField(DESCRIPTION, t.description());
            if (t.parametersJson() != null) {
                g.writeFieldName(PARAMETERS);
                g.writeRawValue(t.parametersJson());
            }
            if (t.strict() != null) g.writeBooleanField(STRICT, t.strict());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
        switch (choice) {
            case ToolChoice.Auto a -> g.writeStringField(TOOL_CHOICE, CHOICE_AUTO);
            case ToolChoice.None n -> g.writeStringField(TOOL_CHOICE, CHOICE_NONE);
            case ToolChoice.Required r -> g.writeStringField(TOOL_CHOICE, CHOICE_REQUIRED);
            case ToolChoice.Named named -> {
                g.writeObjectFieldStart(TOOL_CHOICE);
                g.writeStringField(TYPE, TYPE_FUNCTION);
                g.writeObjectFieldStart(FUNCTION);
                g.writeStringField(NAME, named.name());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    private static void responseFormat(JsonGenerator g, ResponseFormat format) throws IOException {
        g.writeObjectFieldStart(RESPONSE_FORMAT);
        switch (format) {
            case ResponseFormat.Text t -> g.writeStringField(TYPE, TYPE_TEXT);
            case ResponseFormat.JsonObject j -> g.writeStringField(TYPE, TYPE_JSON_OBJECT);
            case ResponseFormat.JsonSchema s -> {
                g.writeStringField(TYPE, TYPE_JSON_SCHEMA);
                g.writeObjectFieldStart(JSON_SCHEMA);
                g.writeStringField(NAME, s.name());
                if (s.description() != null) g.writeStringField(DESCRIPTION, s.description());
                g.writeFieldName(SCHEMA);
                g.writeRawValue(s.schemaJson());
                if (s.strict() != null) g.writeBooleanField(STRICT, s.strict());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }
}
