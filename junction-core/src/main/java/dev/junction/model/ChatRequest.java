package dev.junction.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider-neutral chat request. Every nullable field means "not set" and stays unset all the way
 * to the wire: no mapper fills in a default the caller did not ask for (except where a provider
 * requires one, which the mapper reports).
 *
 * @param extensions fields that only one API understands, keyed by that API's field name, each value a
 *                   JSON text (for example {@code "seed" -> "42"} from an OpenAI-shaped caller). A mapper
 *                   for another API drops them and reports each as dropped.
 * @param user       the caller's end-user id as sent to the provider (OpenAI {@code user}); may be null
 */
public record ChatRequest(
        List<Message> messages,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Double temperature,
        Double topP,
        List<String> stop,
        Integer maxOutputTokens,
        boolean stream,
        boolean includeUsage,
        String user,
        Map<String, String> extensions) {

    public ChatRequest {
        Objects.requireNonNull(messages, "messages");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? null : List.copyOf(stop);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** A plain request: just messages, everything else unset. */
    public static ChatRequest of(List<Message> messages) {
        return new ChatRequest(messages, null, null, null, null, null, null, null, null, false, false, null, null);
    }

    public ChatRequest withStream(boolean stream, boolean includeUsage) {
        return new ChatRequest(messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP,
                stop, maxOutputTokens, stream, includeUsage, user, extensions);
    }

    public ChatRequest withMaxOutputTokens(Integer max) {
        return new ChatRequest(messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP,
                stop, max, stream, includeUsage, user, extensions);
    }

    public ChatRequest withUser(String user) {
        return new ChatRequest(messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP,
                stop, maxOutputTokens, stream, includeUsage, user, extensions);
    }

    public boolean usesTools() { return !tools.isEmpty(); }

    public boolean usesImages() {
        for (Message m : messages) {
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Image) return true;
            }
        }
        return false;
    }

    public boolean usesJsonOutput() {
        return responseFormat instanceof ResponseFormat.JsonObject || responseFormat instanceof ResponseFormat.JsonSchema;
    }
}
