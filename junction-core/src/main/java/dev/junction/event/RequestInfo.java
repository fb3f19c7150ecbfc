package dev.junction.event;

import java.time.Instant;
import java.util.Map;

/** What is known of a client request when it starts; passed to every listener callback. */
public record RequestInfo(String requestId, String task, String customerId, Map<String, String> tags,
                          boolean stream, String apiKeyId, Instant startedAt) {
    public RequestInfo {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
