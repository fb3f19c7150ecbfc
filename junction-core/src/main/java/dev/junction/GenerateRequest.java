package dev.junction;

import dev.junction.model.ChatRequest;
import dev.junction.model.Message;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of {@link Junction#generate}: the task (a route name, or a {@code PROVIDER/MODEL} id), the
 * request, and who it is for.
 *
 * @param customerId the end customer the usage row is attributed to; may be null
 * @param tags       free-form labels for reports (feature, prompt version, ...)
 * @param requestId  the caller's id for this request, or null to have one generated
 * @param apiKeyId   the gateway key that made the request, or null
 */
public record GenerateRequest(String task, ChatRequest request, String customerId, Map<String, String> tags,
                              String requestId, String apiKeyId) {
    public GenerateRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(request, "request");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The seed's call: {@code generate(task, messages, customerId)}. */
    public static GenerateRequest of(String task, List<Message> messages, String customerId) {
        return new GenerateRequest(task, ChatRequest.of(messages), customerId, Map.of(), null, null);
    }

    public GenerateRequest withTags(Map<String, String> newTags) {
        return new GenerateRequest(task, request, customerId, newTags, requestId, apiKeyId);
    }
}
