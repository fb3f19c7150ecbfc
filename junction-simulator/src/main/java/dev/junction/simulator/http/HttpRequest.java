package dev.junction.simulator.http;

import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method e.g. {@code POST}
 * @param target the request target as sent, query included
 * @param path the target without its query
 * @param query the raw query string without {@code ?}, or empty
 * @param headers lower-case names; repeated headers joined with {@code ", "}
 * @param body the body bytes (empty when there is none)
 */
public record HttpRequest(String method, String target, String path, String query,
                          Map<String, String> headers, byte[] body) {

    /** A query parameter's raw (undecoded) value, or {@code null}. */
    public String queryParam(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) return eq < 0 ? "" : pair.substring(eq + 1);
        }
        return null;
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
