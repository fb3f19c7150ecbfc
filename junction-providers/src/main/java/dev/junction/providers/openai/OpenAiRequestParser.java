package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.JunctionException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ResponseFormat;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a client's Chat Completions body (reference/providers.md §1.2, §1.3) into the neutral model.
 * Fields the neutral model has no place for go to {@link ChatRequest#extensions()} as raw JSON text.
 * Every problem is an {@link JunctionException.InvalidRequest} naming the field's path; messages never
 * quote the caller's text.
 */
final class OpenAiRequestParser {
    /** Fields read into the neutral model (or deliberately consumed); everything else is an extension. */
    private static final Set<String> KNOWN = Set.of(MODEL, MESSAGES, TOOLS, TOOL_CHOICE, PARALLEL_TOOL_CALLS,
            RESPONSE_FORMAT, MAX_COMPLETION_TOKENS, MAX_TOKENS, TEMPERATURE, TOP_P, STOP, STREAM, STREAM_OPTIONS,
            USER, METADATA);

    private final ObjectMapper json;

    OpenAiRequestParser(ObjectMapper json) { this.json = json; }

    OpenAiRequestMapper.ParsedRequest parse(byte[] body) {
        OpenAiBodyReader.ReadBody read;
        try {
            read = OpenAiBodyReader.read(json.getFactory(), body);
            if (read == null) json.readTree(body); // not an object: reports invalid JSON as such, else falls through
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid("request body is not valid JSON" + where, null);
        } catch (IOException e) {
            throw invalid("request body could not be read", null);
        }
        if (read == null) throw invalid("request body must be a JSON object", null);

        JsonNode root = read.root();
        String model = requiredString(root, MODEL);
        List<Message> messages = messages(read.messages(), root.get(MESSAGES));
        List<ToolSpec> tools = tools(root.get(TOOLS));
        ToolChoice toolChoice = null;
        JsonNode choice = present(root, TOOL_CHOICE);
        if (choice != null) {
            ToolChoiceRead chosen = toolChoice(choice, tools);
            toolChoice = chosen.choice();
            tools = chosen.tools();
        }
        Integer maxTokens = optionalInt(root, MAX_COMPLETION_TOKENS);
        if (maxTokens == null) maxTokens = optionalInt(root, MAX_TOKENS);
        boolean stream = Boolean.TRUE.equals(optionalBoolean(root, STREAM));
        boolean includeUsage = false;
        JsonNode options = present(root, STREAM_OPTIONS);
        if (options != null) {
            if (!options.isObject()) throw invalid(STREAM_OPTIONS + ": expected an object", STREAM_OPTIONS);
            includeUsage = Boolean.TRUE.equals(optionalBoolean(options, INCLUDE_USAGE, STREAM_OPTIONS + "." + INCLUDE_USAGE));
        }

        ChatRequest request = new ChatRequest(messages, tools, toolChoice, optionalBoolean(root, PARALLEL_TOOL_CALLS),
                responseFormat(present(root, RESPONSE_FORMAT)), optionalNumber(root, TEMPERATURE),
                optionalNumber(root, TOP_P), stop(present(root, STOP)), maxTokens, stream, includeUsage,
                optionalString(root, USER, USER), extensions(root));
        return new OpenAiRequestMapper.ParsedRequest(model, request, metadata(present(root, METADATA)));
    }

    // ---- messages

    /** {@code read} is the messages array as read, or null when there was none; {@code node} is then what there was. */
    private List<Message> messages(List<OpenAiBodyReader.ReadMessage> read, JsonNode node) {
        if (read == null && (node == null || node.isNull())) throw invalid(MESSAGES + ": required", MESSAGES);
        if (read == null) throw invalid(MESSAGES + ": expected an array", MESSAGES);
        if (read.isEmpty()) throw invalid(MESSAGES + ": must not be empty", MESSAGES);
        List<Message> out = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) out.add(message(read.get(i), MESSAGES + "[" + i + "]"));
        return out;
    }

    private Message message(OpenAiBodyReader.ReadMessage read, String path) {
        JsonNode m = read.node();
        if (!m.isObject()) throw invalid(path + ": expected an object", MESSAGES);
        String role = optionalString(m, ROLE, path + "." + ROLE);
        if (role == null) throw invalid(path + "." + ROLE + ": required", MESSAGES);
        List<ContentPart> text = read.text() == null ? null : List.of(read.text()); // a string content
        JsonNode content = present(m, CONTENT);
        return switch (role) {
            case ROLE_SYSTEM, ROLE_DEVELOPER -> new Message.SystemMessage(text != null ? text : textParts(content, path, true),
                    role.equals(ROLE_DEVELOPER));
            case ROLE_USER -> new Message.UserMessage(text != null ? text : userParts(content, path));
            case ROLE_ASSISTANT -> assistant(m, content, read.text(), path);
            case ROLE_TOOL -> {
                String id = optionalString(m, TOOL_CALL_ID, path + "." + TOOL_CALL_ID);
                if (id == null) throw invalid(path + "." + TOOL_CALL_ID + ": required for role 'tool'", MESSAGES);
                yield new Message.ToolMessage(id, text != null ? text : textParts(content, path, true));
            }
            default -> throw invalid(path + "." + ROLE + ": unknown role '" + abbreviate(role) + "'", MESSAGES);
        };
    }

    private List<ContentPart> textParts(JsonNode content, String path, boolean required) {
        if (content == null) {
            if (required) throw invalid(path + "." + CONTENT + ": required", MESSAGES);
            return List.of();
        }
        if (content.isTextual()) return List.of(new ContentPart.Text(content.asText()));
        if (!content.isArray()) throw invalid(path + "." + CONTENT + ": expected a string or an array of parts", MESSAGES);
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String partPath = path + "." + CONTENT + "[" + i + "]";
            JsonNode part = content.get(i);
            String type = partType(part, partPath);
            if (!type.equals(TYPE_TEXT)) throw invalid(partPath + "." + TYPE + ": only text parts are allowed here, got '" + abbreviate(type) + "'", MESSAGES);
            parts.add(new ContentPart.Text(requiredString(part, TEXT, partPath + "." + TEXT)));
        }
        return parts;
    }

    private List<ContentPart> userParts(JsonNode content, String path) {
        if (content == null) throw invalid(path + "." + CONTENT + ": required", MESSAGES);
        if (content.isTextual()) return List.of(new ContentPart.Text(content.asText()));
        if (!content.isArray()) throw invalid(path + "." + CONTENT + ": expected a string or an array of parts", MESSAGES);
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String partPath = path + "." + CONTENT + "[" + i + "]";
            JsonNode part = content.get(i);
            String type = partType(part, partPath);
            switch (type) {
                case TYPE_TEXT -> parts.add(new ContentPart.Text(requiredString(part, TEXT, partPath + "." + TEXT)));
                case IMAGE_URL -> parts.add(image(part.get(IMAGE_URL), partPath + "." + IMAGE_URL));
                default -> throw invalid(partPath + "." + TYPE + ": unsupported content part '" + abbreviate(type) + "'", MESSAGES);
            }
        }
        return parts;
    }

    private ContentPart.Image image(JsonNode node, String path) {
        if (node == null || node.isNull()) throw invalid(path + ": required", MESSAGES);
        if (node.isTextual()) return new ContentPart.Image(node.asText(), null);
        if (!node.isObject()) throw invalid(path + ": expected an object", MESSAGES);
        return new ContentPart.Image(requiredString(node, URL, path + "." + URL), optionalString(node, DETAIL, path + "." + DETAIL));
    }

    private Message assistant(JsonNode m, JsonNode content, ContentPart.Text text, String path) {
        List<ContentPart> parts = new ArrayList<>();
        if (text != null) {
            parts.add(text);
        } else if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                String partPath = path + "." + CONTENT + "[" + i + "]";
                JsonNode part = content.get(i);
                String type = partType(part, partPath);
                switch (type) {
                    case TYPE_TEXT -> parts.add(new ContentPart.Text(requiredString(part, TEXT, partPath + "." + TEXT)));
                    // a replayed refusal carries no instruction for the next turn
                    case REFUSAL -> { }
                    default -> throw invalid(partPath + "." + TYPE + ": unsupported content part '" + abbreviate(type) + "'", MESSAGES);
                }
            }
        } else if (content != null) {
            parts.addAll(textParts(content, path, false));
        }
        JsonNode calls = present(m, TOOL_CALLS);
        if (calls != null) {
            if (!calls.isArray()) throw invalid(path + "." + TOOL_CALLS + ": expected an array", MESSAGES);
            for (int i = 0; i < calls.size(); i++) {
                String callPath = path + "." + TOOL_CALLS + "[" + i + "]";
                JsonNode call = calls.get(i);
                if (!call.isObject()) throw invalid(callPath + ": expected an object", MESSAGES);
                JsonNode fn = call.get(FUNCTION);
                if (fn == null || !fn.isObject()) throw invalid(callPath + "." + FUNCTION + ": required", MESSAGES);
                String args = optionalString(fn, ARGUMENTS, callPath + "." + FUNCTION + "." + ARGUMENTS);
                parts.add(new ContentPart.ToolCall(requiredString(call, ID, callPath + "." + ID),
                        requiredString(fn, NAME, callPath + "." + FUNCTION + "." + NAME), args));
            }
        }
        return new Message.AssistantMessage(parts);
    }

    private String partType(JsonNode part, String path) {
        if (part == null || !part.isObject()) throw invalid(path + ": expected an object", MESSAGES);
        return requiredString(part, TYPE, path + "." + TYPE);
    }

    // ---- tools

    private List<ToolSpec> tools(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw invalid(TOOLS + ": expected an array", TOOLS);
        List<ToolSpec> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String path = TOOLS + "[" + i + "]";
            JsonNode tool = node.get(i);
            if (!tool.isObject()) throw invalid(path + ": expected an object", TOOLS);
            String type = requiredString(tool, TYPE, path + "." + TYPE);
            if (!type.equals(TYPE_FUNCTION)) throw invalid(path + "." + TYPE + ": unsupported tool type '" + abbreviate(type) + "'", TOOLS);
            JsonNode fn = tool.get(FUNCTION);
            if (fn == null || !fn.isObject()) throw invalid(path + "." + FUNCTION + ": required", TOOLS);
            JsonNode params = present(fn, PARAMETERS);
            if (params != null && !params.isObject()) throw invalid(path + "." + FUNCTION + "." + PARAMETERS + ": expected an object", TOOLS);
            out.add(new ToolSpec(requiredString(fn, NAME, path + "." + FUNCTION + "." + NAME),
                    optionalString(fn, DESCRIPTION, path + "." + FUNCTION + "." + DESCRIPTION),
                    params == null ? null : params.toString(),
                    optionalBoolean(fn, STRICT, path + "." + FUNCTION + "." + STRICT)));
        }
        return out;
    }

    private record ToolChoiceRead(ToolChoice choice, List<ToolSpec> tools) {}

    private ToolChoiceRead toolChoice(JsonNode node, List<ToolSpec> tools) {
        if (node.isTextual()) {
            ToolChoice choice = switch (node.asText()) {
                case CHOICE_AUTO -> ToolChoice.AUTO;
                case CHOICE_NONE -> ToolChoice.NONE;
                case CHOICE_REQUIRED -> ToolChoice.REQUIRED;
                default -> throw invalid(TOOL_CHOICE + ": unknown value '" + abbreviate(node.asText()) + "'", TOOL_CHOICE);
            };
            return new ToolChoiceRead(choice, tools);
        }
        if (!node.isObject()) throw invalid(TOOL_CHOICE + ": expected a string or an object", TOOL_CHOICE);
        String type = requiredString(node, TYPE, TOOL_CHOICE + "." + TYPE);
        if (type.equals(TYPE_FUNCTION)) {
            JsonNode fn = node.get(FUNCTION);
            if (fn == null || !fn.isObject()) throw invalid(TOOL_CHOICE + "." + FUNCTION + ": required", TOOL_CHOICE);
            return new ToolChoiceRead(new ToolChoice.Named(requiredString(fn, NAME, TOOL_CHOICE + "." + FUNCTION + "." + NAME)), tools);
        }
        if (type.equals(ALLOWED_TOOLS)) return allowedTools(node.get(ALLOWED_TOOLS), tools);
        throw invalid(TOOL_CHOICE + "." + TYPE + ": unknown value '" + abbreviate(type) + "'", TOOL_CHOICE);
    }

    /**
     * {@code allowed_tools} has no neutral form; its meaning is kept by sending only the allowed tools
     * with mode {@code auto} or {@code required}, which every provider can express.
     */
    private ToolChoiceRead allowedTools(JsonNode node, List<ToolSpec> tools) {
        String path = TOOL_CHOICE + "." + ALLOWED_TOOLS;
        if (node == null || !node.isObject()) throw invalid(path + ": required", TOOL_CHOICE);
        String mode = requiredString(node, MODE, path + "." + MODE);
        ToolChoice choice = switch (mode) {
            case CHOICE_AUTO -> ToolChoice.AUTO;
            case CHOICE_REQUIRED -> ToolChoice.REQUIRED;
            default -> throw invalid(path + "." + MODE + ": unknown value '" + abbreviate(mode) + "'", TOOL_CHOICE);
        };
        JsonNode list = node.get(TOOLS);
        if (list == null || !list.isArray()) throw invalid(path + "." + TOOLS + ": expected an array", TOOL_CHOICE);
        Set<String> allowed = new HashSet<>();
        for (JsonNode t : list) {
            JsonNode fn = t.get(FUNCTION);
            if (fn != null && fn.get(NAME) != null) allowed.add(fn.get(NAME).asText());
            else if (t.get(NAME) != null) allowed.add(t.get(NAME).asText());
        }
        List<ToolSpec> kept = new ArrayList<>();
        for (ToolSpec t : tools) if (allowed.contains(t.name())) kept.add(t);
        return new ToolChoiceRead(choice, kept);
    }

    private ResponseFormat responseFormat(JsonNode node) {
        if (node == null) return null;
        if (!node.isObject()) throw invalid(RESPONSE_FORMAT + ": expected an object", RESPONSE_FORMAT);
        String type = requiredString(node, TYPE, RESPONSE_FORMAT + "." + TYPE);
        return switch (type) {
            case TYPE_TEXT -> new ResponseFormat.Text();
            case TYPE_JSON_OBJECT -> new ResponseFormat.JsonObject();
            case TYPE_JSON_SCHEMA -> {
                String path = RESPONSE_FORMAT + "." + JSON_SCHEMA;
                JsonNode js = node.get(JSON_SCHEMA);
                if (js == null || !js.isObject()) throw invalid(path + ": required", RESPONSE_FORMAT);
                JsonNode schema = js.get(SCHEMA);
                if (schema == null || !schema.isObject()) throw invalid(path + "." + SCHEMA + ": expected an object", RESPONSE_FORMAT);
                yield new ResponseFormat.JsonSchema(requiredString(js, NAME, path + "." + NAME),
                        optionalString(js, DESCRIPTION, path + "." + DESCRIPTION), schema.toString(),
                        optionalBoolean(js, STRICT, path + "." + STRICT));
            }
            default -> throw invalid(RESPONSE_FORMAT + "." + TYPE + ": unknown value '" + abbreviate(type) + "'", RESPONSE_FORMAT);
        };
    }

    private List<String> stop(JsonNode node) {
        if (node == null) return null;
        if (node.isTextual()) return List.of(node.asText());
        if (!node.isArray()) throw invalid(STOP + ": expected a string or an array of strings", STOP);
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode s : node) {
            if (!s.isTextual()) throw invalid(STOP + ": expected a string or an array of strings", STOP);
            out.add(s.asText());
        }
        return out;
    }

    private Map<String, String> metadata(JsonNode node) {
        if (node == null) return Map.of();
        if (!node.isObject()) throw invalid(METADATA + ": expected an object of strings", METADATA);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw invalid(METADATA + "." + e.getKey() + ": expected a string", METADATA);
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Map<String, String> extensions(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (KNOWN.contains(e.getKey()) || e.getValue().isNull()) continue;
            out.put(e.getKey(), e.getValue().toString());
        }
        return out;
    }

    // ---- scalar helpers: JSON null means "not set"

    private static JsonNode present(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    private static String requiredString(JsonNode obj, String field) { return requiredString(obj, field, field); }

    private static String requiredString(JsonNode obj, String field, String path) {
        String s = optionalString(obj, field, path);
        if (s == null) throw invalid(path + ": required", topLevel(path));
        return s;
    }

    private static String optionalString(JsonNode obj, String field, String path) {
        JsonNode n = present(obj, field);
        if (n == null) return null;
        if (!n.isTextual()) throw invalid(path + ": expected a string", topLevel(path));
        return n.asText();
    }

    private static Boolean optionalBoolean(JsonNode obj, String field) { return optionalBoolean(obj, field, field); }

    private static Boolean optionalBoolean(JsonNode obj, String field, String path) {
        JsonNode n = present(obj, field);
        if (n == null) return null;
        if (!n.isBoolean()) throw invalid(path + ": expected a boolean", topLevel(path));
        return n.booleanValue();
    }

    private static Double optionalNumber(JsonNode obj, String field) {
        JsonNode n = present(obj, field);
        if (n == null) return null;
        if (!n.isNumber()) throw invalid(field + ": expected a number", field);
        return n.doubleValue();
    }

    private static Integer optionalInt(JsonNode obj, String field) {
        JsonNode n = present(obj, field);
        if (n == null) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw invalid(field + ": expected an integer", field);
        if (n.intValue() < 1) throw invalid(field + ": must be at least 1", field);
        return n.intValue();
    }

    private static String topLevel(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') { end = i; break; }
        }
        return path.substring(0, end);
    }

    /** Enum-like values are echoed only short, so a prompt pasted into the wrong field is not reflected back. */
    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }

    private static JunctionException.InvalidRequest invalid(String message, String param) {
        return new JunctionException.InvalidRequest(message, param, List.of());
    }
}
