package dev.junction.gateway.openai;

import io.helidon.http.HeaderName;
import io.helidon.http.ServerRequestHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is calling and how they label the request: the customer ({@code X-Junction-Customer} wins over
 * the body's {@code user}), tags from {@code X-Junction-Tags: k=v,...} merged over the body's
 * {@code metadata}, and the caller's request id ({@code X-Request-Id}, else generated).
 */
record CallerContext(String requestId, String customerId, Map<String, String> tags) {

    static String header(ServerRequestHeaders h, HeaderName name) {
        return h.contains(name) ? h.get(name).get() : null;
    }

    static String customer(ServerRequestHeaders h, String bodyUser) {
        String c = header(h, JunctionHeaders.CUSTOMER);
        return c != null && !c.isBlank() ? c.trim() : bodyUser;
    }

    static Map<String, String> tags(ServerRequestHeaders h, Map<String, String> metadata) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (metadata != null) tags.putAll(metadata);
        String header = header(h, JunctionHeaders.TAGS);
        if (header != null) {
            for (String pair : header.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return tags;
    }
}
