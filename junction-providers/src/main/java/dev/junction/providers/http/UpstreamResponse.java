package dev.junction.providers.http;

import java.util.List;
import java.util.Map;

/**
 * A complete upstream answer.
 *
 * @param headers response headers keyed by lower-case name
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public boolean successful() { return status >= 200 && status < 300; }
}
