package dev.junction.providers.anthropic;

import static dev.junction.providers.anthropic.AnthropicWire.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
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
 * Renders a neutral {@link ChatRequest} as an Anthropic Messages body (reference/providers.md §2.2,
 * §7). What the Messages API cannot express is either reported in {@link MappedRequest#dropped()} or,
 * when sending it would change the meaning of the conversation, refused as {@code invalid_request}.
 *
 * <p>Decisions a reader should know:
 * <ul>
 *   <li><b>System and developer messages</b> become top-level {@code system} text blocks, in order,
 *       wherever they stood in the conversation (the Messages API has no system turn).</li>
 *   <li><b>Turns.</b> Tool messages become {@code tool_result} blocks of a user turn; consecutive
 *       turns of the same role are merged, and within a user turn the tool results come first. The
 *       conversation must then start with a user turn: a leading assistant turn is refused rather
 *       than preceded by an invented user message.</li>
 *   <li><b>Assistant reasoning</b> is not sent back: Anthropic only takes thinking blocks with the
 *       signature it issued, which the neutral model does not carry.</li>
 *   <li><b>Tool arguments</b> are a JSON text in the neutral model and an object on this wire; text
 *       that is not a JSON object is refused ({@code invalid_request}), never sent as a string.</li>
 *   <li><b>{@code temperature} above 1</b> (OpenAI allows up to 2) is sent as 1.0 and reported as
 *       dropped. Refusing it instead would turn a request the primary model accepted into a caller
 *       error the moment a route falls back to Claude; the report
 *       ({@code X-Junction-Dropped-Params}) keeps the change visible.</li>
 *   <li><b>{@code max_tokens}</b> is required here: without a caller's cap the adapter passes the
 *       catalog's output limit for the model, and when the catalog has none,
 *       {@link AnthropicWire#DEFAULT_MAX_TOKENS} is sent.</li>
 *   <li><b>JSON output.</b> A JSON schema uses the native {@code output_config.format}. JSON without a
 *       schema has no native mode, so {@link #JSON_OBJECT_INSTRUCTION} is appended to {@code system}.</li>
 *   <li><b>Extensions</b> (fields only OpenAI has: {@code seed}, {@code logprobs}, {@code n}, ...) are
 *       dropped and reported, except {@code top_k}, which means the same here; an image's
 *       {@code detail} hint is dropped and reported as {@code detail}.</li>
 * </ul>
 *
 * <p>Writes with a {@link JsonGenerator} from one shared {@link JsonFactory}; unset fields stay unset.
 * Stateless and thread-safe.
 */
public final class AnthropicRequestMapper {
    static final JsonFactory JSON_FACTORY = new JsonFactory();
    static final ObjectMapper TREE = new ObjectMapper(JSON_FACTORY);

    /** Appended to {@code system} for {@code response_format: json_object}. */
    static final String JSON_OBJECT_INSTRUCTION =
            "Respond with a single valid JSON object only, with no text, code fences or explanation around it.";

    /** Extensions with the same name and meaning on this wire; every other one is dropped. */
    private static final Set<String> PASSED_EXTENSIONS = Set.of(TOP_K);
    /** OpenAI's newer name for the end-user id; used for {@code metadata.user_id} when {@code user} is unset. */
    private static final String SAFETY_IDENTIFIER = "safety_identifier";
    private static final String DETAIL = "detail";

    /**
     * Renders {@code request} asking for {@code upstreamModel}.
     *
     * @throws ProviderException {@code invalid_request} when the conversation cannot be expressed
     *                           (no user turn first, tool arguments that are not a JSON object, an
     *                           image data URL that is not base64)
     */
    public MappedRequest write(ChatRequest request, String upstreamModel) {
        List<String> dropped = new ArrayList<>();
        List<Turn> turns = turns(request.messages());
        RequestBytes.Output out = new RequestBytes.Output(JsonText.sizeHint(request));
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(MODEL, upstreamModel);
            g.writeNumberField(MAX_TOKENS, request.maxOutputTokens() != null ? request.maxOutputTokens() : DEFAULT_MAX_TOKENS);
            system(g, request);
            g.writeArrayFieldStart(MESSAGES);
            for (Turn t : turns) turn(g, t, dropped);
            g.writeEndArray();
            if (!request.tools().isEmpty()) {
                tools(g, request.tools());
                toolChoice(g, request.toolChoice(), request.parallelToolCalls());
            } else if (request.toolChoice() != null && !(request.toolChoice() instanceof ToolChoice.None)) {
                dropped.add("tool_choice");             // nothing to choose from; Anthropic rejects a choice without tools
            }
            if (request.temperature() != null) {
                double t = request.temperature();
                if (t > MAX_TEMPERATURE) {
                    t = MAX_TEMPERATURE;
                    dropped.add(TEMPERATURE);
                }
                g.writeNumberField(TEMPERATURE, t);
            }
            if (request.topP() != null) g.writeNumberField(TOP_P, request.topP());
            if (request.stop() != null && !request.stop().isEmpty()) {
                g.writeArrayFieldStart(STOP_SEQUENCES);
                for (String s : request.stop()) g.writeString(s);
                g.writeEndArray();
            }
            extensionsAndMetadata(g, request, dropped);
            if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
                // name, description and strict have no place here: the schema itself is enforced
                g.writeObjectFieldStart(OUTPUT_CONFIG);
                g.writeObjectFieldStart(FORMAT);
                g.writeStringField(TYPE, FORMAT_JSON_SCHEMA);
                g.writeFieldName(SCHEMA);
                g.writeRawValue(schema.schemaJson());
                g.writeEndObject();
                g.writeEndObject();
            }
            if (request.stream()) g.writeBooleanField(STREAM, true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MappedRequest(out.bytes(), dropped);
    }

    // ---- system

    private static void system(JsonGenerator g, ChatRequest request) throws IOException {
        boolean jsonObject = request.responseFormat() instanceof ResponseFormat.JsonObject;
        List<ContentPart.Text> texts = new ArrayList<>();
        for (Message m : request.messages()) {
            if (!(m instanceof Message.SystemMessage s)) continue;
            ContentPart.Text text = s.textPart(); // joins a message of several parts once
            if (!text.isBlank()) texts.add(text);
        }
        if (texts.isEmpty() && !jsonObject) return;
        g.writeArrayFieldStart(SYSTEM);
        for (ContentPart.Text t : texts) textBlock(g, t);
        if (jsonObject) textBlock(g, JSON_OBJECT_INSTRUCTION);
        g.writeEndArray();
    }

    // ---- turns

    /** Consecutive messages that become one Messages turn. */
    private record Turn(String role, List<Indexed> messages) {}

    /** A message with its position in the request, for error paths. */
    private record Indexed(int index, Message message) {}

    private static List<Turn> turns(List<Message> messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            String role = switch (m) {
                case Message.SystemMessage s -> null;
                case Message.UserMessage u -> hasUserBlocks(u) ? ROLE_USER : null;
                case Message.ToolMessage t -> ROLE_USER;
                case Message.AssistantMessage a -> hasAssistantBlocks(a) ? ROLE_ASSISTANT : null;
            };
            // a message with nothing to send does not split the turns around it
            if (role == null) continue;
            if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
                turns.getLast().messages().add(new Indexed(i, m));
            } else {
                List<Indexed> group = new ArrayList<>();
                group.add(new Indexed(i, m));
                turns.add(new Turn(role, group));
            }
        }
        if (turns.isEmpty()) throw invalid("messages: at least one user message is required");
        if (!turns.getFirst().role().equals(ROLE_USER)) {
            throw invalid("messages[" + turns.getFirst().messages().getFirst().index()
                    + "]: the conversation must start with a user message for this provider");
        }
        return turns;
    }

    private static boolean hasUserBlocks(Message.UserMessage u) {
        for (ContentPart p : u.parts()) {
            if (p instanceof ContentPart.Text t && !t.isBlank()) return true;
            if (p instanceof ContentPart.Image || p instanceof ContentPart.ToolResult) return true;
        }
        return false;
    }

    private static boolean hasAssistantBlocks(Message.AssistantMessage a) {
        for (ContentPart p : a.parts()) {
            if (p instanceof ContentPart.Text t && !t.isBlank()) return true;
            if (p instanceof ContentPart.ToolCall) return true;
        }
        return false;
    }

    private static void turn(JsonGenerator g, Turn turn, List<String> dropped) throws IOException {
        g.writeStartObject();
        g.writeStringField(ROLE, turn.role());
        g.writeArrayFieldStart(CONTENT);
        if (turn.role().equals(ROLE_USER)) {
            // tool results answer the previous assistant turn, so they lead the user turn
            for (Indexed m : turn.messages()) toolResults(g, m.message());
            for (Indexed m : turn.messages()) userBlocks(g, m, dropped);
        } else {
            for (Indexed m : turn.messages()) assistantBlocks(g, m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void toolResults(JsonGenerator g, Message m) throws IOException {
        switch (m) {
            case Message.ToolMessage t -> toolResult(g, t.toolCallId(), t.resultText());
            case Message.UserMessage u -> {
                for (ContentPart p : u.parts()) if (p instanceof ContentPart.ToolResult r) toolResult(g, r.toolCallId(), r.content());
            }
            default -> { }
        }
    }

    private static void toolResult(JsonGenerator g, String id, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField(TYPE, BLOCK_TOOL_RESULT);
        g.writeStringField(TOOL_USE_ID, id);
        JsonText.field(g, CONTENT, content);
        g.writeEndObject();
    }

    private static void userBlocks(JsonGenerator g, Indexed m, List<String> dropped) throws IOException {
        if (!(m.message() instanceof Message.UserMessage u)) return;
        for (int i = 0; i < u.parts().size(); i++) {
            switch (u.parts().get(i)) {
                case ContentPart.Text t -> { if (!t.isBlank()) textBlock(g, t); }
                case ContentPart.Image img -> image(g, img, "messages[" + m.index() + "].content[" + i + "]", dropped);
                // written first by toolResults; reasoning and tool calls never come from a user
                case ContentPart.ToolResult r -> { }
                case ContentPart.Reasoning r -> { }
                case ContentPart.ToolCall c -> { }
            }
        }
    }

    private static void image(JsonGenerator g, ContentPart.Image img, String path, List<String> dropped) throws IOException {
        if (img.detail() != null && !dropped.contains(DETAIL)) dropped.add(DETAIL);
        g.writeStartObject();
        g.writeStringField(TYPE, BLOCK_IMAGE);
        g.writeObjectFieldStart(SOURCE);
        if (img.isDataUrl()) {
            String mediaType = img.mediaType();
            if (mediaType == null || mediaType.isEmpty() || !img.url().contains(";base64,")) {
                throw invalid(path + ": an image data URL must be data:<media type>;base64,<data>");
            }
            g.writeStringField(TYPE, SOURCE_BASE64);
            g.writeStringField(MEDIA_TYPE, mediaType);
            g.writeStringField(DATA, img.base64Data());
        } else {
            g.writeStringField(TYPE, SOURCE_URL);
            g.writeStringField(URL, img.url());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void assistantBlocks(JsonGenerator g, Indexed m) throws IOException {
        Message.AssistantMessage a = (Message.AssistantMessage) m.message();
        int call = 0;
        for (ContentPart p : a.parts()) {
            switch (p) {
                case ContentPart.Text t -> { if (!t.isBlank()) textBlock(g, t); }
                case ContentPart.ToolCall c -> {
                    String path = "messages[" + m.index() + "].tool_calls[" + call++ + "].function.arguments";
                    g.writeStartObject();
                    g.writeStringField(TYPE, BLOCK_TOOL_USE);
                    g.writeStringField(ID, c.id());
                    g.writeStringField(NAME, c.name());
                    g.writeFieldName(INPUT);
                    g.writeRawValue(argumentsObject(c.arguments(), path));
                    g.writeEndObject();
                }
                // thinking needs Anthropic's signature, which the neutral model does not keep
                case ContentPart.Reasoning r -> { }
                case ContentPart.Image i -> { }
                case ContentPart.ToolResult r -> { }
            }
        }
    }

    /** The arguments as a JSON object text; {@code {}} for none. */
    private static String argumentsObject(String arguments, String path) {
        if (arguments.isBlank()) return "{}";
        try (JsonParser p = JSON_FACTORY.createParser(arguments)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw invalid(path + ": must be a JSON object");
            p.skipChildren();
            if (p.nextToken() != null) throw invalid(path + ": must be a single JSON object");
        } catch (IOException e) {
            throw invalid(path + ": not valid JSON");
        }
        return arguments;
    }

    private static void textBlock(JsonGenerator g, String text) throws IOException {
        textBlock(g, new ContentPart.Text(text));
    }

    private static void textBlock(JsonGenerator g, ContentPart.Text text) throws IOException {
        g.writeStartObject();
        g.writeStringField(TYPE, BLOCK_TEXT);
        JsonText.field(g, TEXT, text);
        g.writeEndObject();
    }

    // ---- tools

    private static void tools(JsonGenerator g, List<ToolSpec> tools) throws IOException {
        g.writeArrayFieldStart(TOOLS);
        for (ToolSpec t : tools) {
            g.writeStartObject();
            g.writeStringField(NAME, t.name());
            if (t.description() != null) g.writeStringField(DESCRIPTION, t.description());
            g.writeFieldName(INPUT_SCHEMA);
            // input_schema is required and must be an object schema, also for a tool without arguments
            g.writeRawValue(t.parametersJson() != null ? t.parametersJson() : "{\"type\":\"object\",\"properties\":{}}");
            if (t.strict() != null) g.writeBooleanField(STRICT, t.strict());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolChoice(JsonGenerator g, ToolChoice choice, Boolean parallelToolCalls) throws IOException {
        boolean oneCallAtMost = Boolean.FALSE.equals(parallelToolCalls);
        if (choice == null && !oneCallAtMost) return;
        g.writeObjectFieldStart(TOOL_CHOICE);
        switch (choice) {
            case null -> g.writeStringField(TYPE, CHOICE_AUTO);
            case ToolChoice.Auto a -> g.writeStringField(TYPE, CHOICE_AUTO);
            case ToolChoice.Required r -> g.writeStringField(TYPE, CHOICE_ANY);
            case ToolChoice.None n -> g.writeStringField(TYPE, CHOICE_NONE);
            case ToolChoice.Named named -> {
                g.writeStringField(TYPE, CHOICE_TOOL);
                g.writeStringField(NAME, named.name());
            }
        }
        // {"type":"none"} takes no flag: with no call allowed there is nothing to serialize
        if (oneCallAtMost && !(choice instanceof ToolChoice.None)) g.writeBooleanField(DISABLE_PARALLEL_TOOL_USE, true);
        g.writeEndObject();
    }

    // ---- extensions and metadata

    private static void extensionsAndMetadata(JsonGenerator g, ChatRequest request, List<String> dropped) throws IOException {
        // metadata.user_id takes OpenAI's user, else its newer safety_identifier (a JSON string)
        String safetyId = request.extensions().get(SAFETY_IDENTIFIER);
        boolean safetyIdAsUser = request.user() == null && safetyId != null && safetyId.startsWith("\"");
        for (Map.Entry<String, String> e : new TreeMap<>(request.extensions()).entrySet()) {
            if (PASSED_EXTENSIONS.contains(e.getKey())) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            } else if (!(safetyIdAsUser && e.getKey().equals(SAFETY_IDENTIFIER))) {
                dropped.add(e.getKey());
            }
        }
        if (request.user() == null && !safetyIdAsUser) return;
        g.writeObjectFieldStart(METADATA);
        if (request.user() != null) {
            g.writeStringField(USER_ID, request.user());
        } else {
            g.writeFieldName(USER_ID);
            g.writeRawValue(safetyId);
        }
        g.writeEndObject();
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(new Failure(ErrorClass.INVALID_REQUEST, 0, null, null, message));
    }
}
