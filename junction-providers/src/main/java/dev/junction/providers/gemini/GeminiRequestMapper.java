package dev.junction.providers.gemini;

import static dev.junction.providers.gemini.GeminiWire.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.JunctionException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a neutral {@link ChatRequest} as a {@code generateContent} body (reference/providers.md §3.2
 * to §3.5, §7).
 *
 * <p>System and developer messages, wherever they stand, become {@code systemInstruction} parts in
 * order. Assistant turns become {@code model} turns with {@code functionCall} parts (the
 * {@code arguments} text parsed into {@code args}); tool messages become {@code functionResponse}
 * parts in a {@code user} turn, named after the earlier call with the same id. Consecutive turns of
 * one role are merged, which also puts parallel tool results into one turn. Thought signatures that
 * Junction carried in tool-call ids ({@link GeminiToolCallIds}) are restored on their parts.
 *
 * <p><b>Calls Gemini did not produce.</b> A model turn whose calls carry no signature (history from
 * another provider, or written by the caller) gets {@code skip_thought_signature_validator} on its
 * first call, but only for models that validate signatures: names {@code gemini-N…} with N ≥ 3, and
 * {@code gemini-} aliases without a version ({@code gemini-flash-latest}). Gemini 1.x/2.x and other
 * names (Gemma, tuned models) get nothing: they do not need it, and an unneeded placeholder is an
 * unverified risk.
 *
 * <p>What Gemini cannot take is left out and reported: {@code user}, {@code parallel_tool_calls},
 * {@code strict} on a tool, an image's {@code detail}, and every extension except {@code seed},
 * {@code presence_penalty} and {@code frequency_penalty} (which have {@code generationConfig} fields).
 * Writing streams with a {@link JsonGenerator}; unset fields stay unset. Stateless and thread-safe.
 */
public final class GeminiRequestMapper {
    static final JsonFactory JSON_FACTORY = new JsonFactory();
    static final ObjectMapper TREE = new ObjectMapper(JSON_FACTORY);

    /** OpenAI extension name → its generationConfig field; every other extension is dropped. */
    private static final Map<String, String> GENERATION_EXTENSIONS = Map.of(
            "seed", SEED, "presence_penalty", PRESENCE_PENALTY, "frequency_penalty", FREQUENCY_PENALTY);

    /** One part of a turn, resolved before writing so turns can be merged. */
    private sealed interface Part {}
    private record TextPart(ContentPart.Text text) implements Part {}
    private record InlineImage(String mimeType, String data) implements Part {}
    private record FileImage(String uri, String mimeType) implements Part {}
    private record CallPart(String id, String name, String argsJson, String signature) implements Part {}
    private record ResponsePart(String id, String name, String content) implements Part {}

    private record Turn(String role, List<Part> parts) {}

    /**
     * Renders {@code request} for {@code upstreamModel}.
     *
     * @throws JunctionException.InvalidRequest for tool-call arguments that are not a JSON object, a tool
     *         result whose call is not in the history, or a data URL without a media type
     */
    public MappedRequest write(ChatRequest request, String upstreamModel) {
        TreeSet<String> dropped = new TreeSet<>();
        List<ContentPart.Text> system = new ArrayList<>();
        List<Turn> turns = turns(request.messages(), system, dropped);
        if (needsSignatures(upstreamModel)) addPlaceholderSignatures(turns);
        if (request.user() != null) dropped.add("user");
        if (request.parallelToolCalls() != null) dropped.add("parallel_tool_calls");
        for (ToolSpec t : request.tools()) if (Boolean.TRUE.equals(t.strict())) dropped.add("strict");
        for (String name : request.extensions().keySet()) if (!GENERATION_EXTENSIONS.containsKey(name)) dropped.add(name);

        RequestBytes.Output out = new RequestBytes.Output(JsonText.sizeHint(request));
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart(CONTENTS);
            for (Turn t : turns) turn(g, t);
            g.writeEndArray();
            if (!system.isEmpty()) {
                g.writeObjectFieldStart(SYSTEM_INSTRUCTION);
                g.writeArrayFieldStart(PARTS);
                for (ContentPart.Text s : system) {
                    g.writeStartObject();
                    JsonText.field(g, TEXT, s);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (!request.tools().isEmpty()) tools(g, request.tools());
            if (request.toolChoice() != null) toolConfig(g, request.toolChoice());
            generationConfig(g, request);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MappedRequest(out.bytes(), new ArrayList<>(dropped));
    }

    private static List<Turn> turns(List<Message> messages, List<ContentPart.Text> system, TreeSet<String> dropped) {
        List<Turn> turns = new ArrayList<>();
        Map<String, String> callNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m) {
                case Message.SystemMessage s -> system.add(s.textPart());
                case Message.UserMessage u -> append(turns, ROLE_USER, userParts(u, i, dropped));
                case Message.AssistantMessage a -> append(turns, ROLE_MODEL, modelParts(a, i, callNames));
                case Message.ToolMessage t -> {
                    String name = callNames.get(t.toolCallId());
                    if (name == null) {
                        throw invalid("messages[" + i + "].tool_call_id: no earlier assistant tool call has this id");
                    }
                    String id = GeminiToolCallIds.decode(t.toolCallId()).id();
                    append(turns, ROLE_USER, List.of(new ResponsePart(id, name, t.resultText())));
                }
            }
        }
        return turns;
    }

    /** Adds a turn, merged into the previous one when the role is the same (Gemini wants alternation). */
    private static void append(List<Turn> turns, String role, List<Part> parts) {
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().parts().addAll(parts);
        } else {
            turns.add(new Turn(role, new ArrayList<>(parts)));
        }
    }

    private static List<Part> userParts(Message.UserMessage u, int index, TreeSet<String> dropped) {
        List<Part> parts = new ArrayList<>();
        for (ContentPart p : u.parts()) {
            switch (p) {
                case ContentPart.Text t -> parts.add(new TextPart(t));
                case ContentPart.Image img -> {
                    // mediaResolution is model-wide on Gemini; a per-image hint has nowhere to go
                    if (img.detail() != null) dropped.add("detail");
                    parts.add(image(img, index));
                }
                case ContentPart.ToolResult r -> parts.add(new TextPart(new ContentPart.Text(r.content())));
                // reasoning and tool calls never come from a user
                case ContentPart.Reasoning ignored -> { }
                case ContentPart.ToolCall ignored -> { }
            }
        }
        return parts;
    }

    private static Part image(ContentPart.Image img, int index) {
        if (img.isDataUrl()) {
            String mime = img.mediaType();
            String data = img.base64Data();
            if (mime == null || mime.isEmpty() || data == null) {
                throw invalid("messages[" + index + "].content: image data URL needs the form data:<mime>;base64,<data>");
            }
            return new InlineImage(mime, data);
        }
        return new FileImage(img.url(), mimeFromExtension(img.url()));
    }

    private static List<Part> modelParts(Message.AssistantMessage a, int index, Map<String, String> callNames) {
        List<Part> parts = new ArrayList<>();
        int call = 0;
        for (ContentPart p : a.parts()) {
            switch (p) {
                case ContentPart.Text t -> {
                    if (t.length() > 0) parts.add(new TextPart(t));
                }
                case ContentPart.ToolCall c -> {
                    String args = c.arguments().isBlank() ? "{}" : c.arguments();
                    if (!isJsonObject(args)) {
                        throw invalid("messages[" + index + "].tool_calls[" + call + "].function.arguments: not a JSON object");
                    }
                    callNames.put(c.id(), c.name());
                    GeminiToolCallIds.Decoded id = GeminiToolCallIds.decode(c.id());
                    parts.add(new CallPart(id.id(), c.name(), args, id.signature()));
                    call++;
                }
                // thought summaries are output only; Gemini does not take them back
                case ContentPart.Reasoning ignored -> { }
                case ContentPart.Image ignored -> { }
                case ContentPart.ToolResult ignored -> { }
            }
        }
        // a model turn needs at least one part, even an assistant message that said nothing
        if (parts.isEmpty()) parts.add(new TextPart(new ContentPart.Text("")));
        return parts;
    }

    /** True for models that reject function calls without a thought signature (see the class comment). */
    static boolean needsSignatures(String model) {
        String name = model.startsWith(MODEL_RESOURCE_PREFIX) ? model.substring(MODEL_RESOURCE_PREFIX.length()) : model;
        if (!name.startsWith("gemini-")) return false;
        int at = "gemini-".length();
        int major = 0;
        boolean digits = false;
        while (at < name.length() && Character.isDigit(name.charAt(at))) {
            major = major * 10 + (name.charAt(at++) - '0');
            digits = true;
        }
        return !digits || major >= 3;
    }

    private static void addPlaceholderSignatures(List<Turn> turns) {
        for (Turn t : turns) {
            if (!t.role().equals(ROLE_MODEL)) continue;
            int first = -1;
            boolean signed = false;
            for (int i = 0; i < t.parts().size(); i++) {
                if (t.parts().get(i) instanceof CallPart c) {
                    if (first < 0) first = i;
                    signed |= c.signature() != null;
                }
            }
            if (first < 0 || signed) continue;
            CallPart c = (CallPart) t.parts().get(first);
            t.parts().set(first, new CallPart(c.id(), c.name(), c.argsJson(), SKIP_SIGNATURE));
        }
    }

    private static void turn(JsonGenerator g, Turn t) throws IOException {
        g.writeStartObject();
        g.writeStringField(ROLE, t.role());
        g.writeArrayFieldStart(PARTS);
        for (Part p : t.parts()) {
            g.writeStartObject();
            switch (p) {
                case TextPart x -> JsonText.field(g, TEXT, x.text());
                case InlineImage img -> {
                    g.writeObjectFieldStart(INLINE_DATA);
                    g.writeStringField(MIME_TYPE, img.mimeType());
                    g.writeStringField(DATA, img.data());
                    g.writeEndObject();
                }
                case FileImage img -> {
                    g.writeObjectFieldStart(FILE_DATA);
                    if (img.mimeType() != null) g.writeStringField(MIME_TYPE, img.mimeType());
                    g.writeStringField(FILE_URI, img.uri());
                    g.writeEndObject();
                }
                case CallPart c -> {
                    g.writeObjectFieldStart(FUNCTION_CALL);
                    g.writeStringField(ID, c.id());
                    g.writeStringField(NAME, c.name());
                    g.writeFieldName(ARGS);
                    g.writeRawValue(c.argsJson());
                    g.writeEndObject();
                    if (c.signature() != null) g.writeStringField(THOUGHT_SIGNATURE, c.signature());
                }
                case ResponsePart r -> {
                    g.writeObjectFieldStart(FUNCTION_RESPONSE);
                    g.writeStringField(ID, r.id());
                    g.writeStringField(NAME, r.name());
                    g.writeFieldName(RESPONSE);
                    if (isJsonObject(r.content())) {
                        g.writeRawValue(r.content());
                    } else {
                        // Gemini wants an object; anything else is wrapped (§7.6)
                        g.writeStartObject();
                        g.writeStringField(RESULT, r.content());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void tools(JsonGenerator g, List<ToolSpec> tools) throws IOException {
        g.writeArrayFieldStart(TOOLS);
        g.writeStartObject();
        g.writeArrayFieldStart(FUNCTION_DECLARATIONS);
        for (ToolSpec t : tools) {
            g.writeStartObject();
            g.writeStringField(NAME, t.name());
            if (t.description() != null) g.writeStringField(DESCRIPTION, t.description());
            if (t.parametersJson() != null) {
                g.writeFieldName(PARAMETERS_JSON_SCHEMA);
                g.writeRawValue(t.parametersJson());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void toolConfig(JsonGenerator g, ToolChoice choice) throws IOException {
        g.writeObjectFieldStart(TOOL_CONFIG);
        g.writeObjectFieldStart(FUNCTION_CALLING_CONFIG);
        switch (choice) {
            case ToolChoice.Auto a -> g.writeStringField(MODE, MODE_AUTO);
            case ToolChoice.None n -> g.writeStringField(MODE, MODE_NONE);
            case ToolChoice.Required r -> g.writeStringField(MODE, MODE_ANY);
            case ToolChoice.Named named -> {
                g.writeStringField(MODE, MODE_ANY);
                g.writeArrayFieldStart(ALLOWED_FUNCTION_NAMES);
                g.writeString(named.name());
                g.writeEndArray();
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void generationConfig(JsonGenerator g, ChatRequest r) throws IOException {
        boolean json = r.responseFormat() instanceof ResponseFormat.JsonObject || r.responseFormat() instanceof ResponseFormat.JsonSchema;
        boolean extensions = false;
        for (String name : r.extensions().keySet()) extensions |= GENERATION_EXTENSIONS.containsKey(name);
        if (r.temperature() == null && r.topP() == null && r.maxOutputTokens() == null && r.stop() == null && !json && !extensions) {
            return;
        }
        g.writeObjectFieldStart(GENERATION_CONFIG);
        if (r.temperature() != null) g.writeNumberField(TEMPERATURE, r.temperature());
        if (r.topP() != null) g.writeNumberField(TOP_P, r.topP());
        if (r.maxOutputTokens() != null) g.writeNumberField(MAX_OUTPUT_TOKENS, r.maxOutputTokens());
        if (r.stop() != null) {
            g.writeArrayFieldStart(STOP_SEQUENCES);
            for (String s : r.stop()) g.writeString(s);
            g.writeEndArray();
        }
        if (json) g.writeStringField(RESPONSE_MIME_TYPE, MIME_JSON);
        if (r.responseFormat() instanceof ResponseFormat.JsonSchema s) {
            g.writeFieldName(RESPONSE_JSON_SCHEMA);
            g.writeRawValue(s.schemaJson());
        }
        for (Map.Entry<String, String> e : new TreeMap<>(r.extensions()).entrySet()) {
            String field = GENERATION_EXTENSIONS.get(e.getKey());
            if (field == null) continue;
            g.writeFieldName(field);
            g.writeRawValue(e.getValue());
        }
        g.writeEndObject();
    }

    /** Exactly one JSON object and nothing after it; read with the streaming parser, nothing is built. */
    static boolean isJsonObject(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        if (i == text.length() || text.charAt(i) != '{') return false;
        try (JsonParser p = JSON_FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** The media type an https image's extension names, or null (Gemini then infers it). */
    static String mimeFromExtension(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) end = query;
        int fragment = url.indexOf('#');
        if (fragment >= 0 && fragment < end) end = fragment;
        int dot = url.lastIndexOf('.', end);
        int slash = url.lastIndexOf('/', end);
        if (dot < 0 || dot < slash) return null;
        return switch (url.substring(dot + 1, end).toLowerCase(Locale.ROOT)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            default -> null;
        };
    }

    private static JunctionException.InvalidRequest invalid(String message) {
        return new JunctionException.InvalidRequest(message, "messages", List.of());
    }
}
