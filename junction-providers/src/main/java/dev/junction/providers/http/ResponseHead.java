package dev.junction.providers.http;

import java.util.List;
import java.util.Map;

/**
 * The status line and headers of an upstream answer, with how its body is framed.
 *
 * @param headers        keyed by lower-case name
 * @param contentLength  -1 when the body is chunked or runs to the end of the connection
 * @param keepAlive      whether the connection may carry another request once the body is read
 */
record ResponseHead(int status, Map<String, List<String>> headers, long contentLength, boolean chunked, boolean keepAlive) {

    static ResponseHead of(int status, boolean http10, Map<String, List<String>> headers) {
        boolean chunked = contains(headers.get("transfer-encoding"), "chunked");
        long length = -1;
        List<String> declared = headers.get("content-length");
        if (!chunked && declared != null && !declared.isEmpty()) {
            try {
                length = Long.parseLong(declared.get(0));
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        if (status == 204 || status == 304) length = 0;
        List<String> connection = headers.get("connection");
        boolean keepAlive = http10 ? contains(connection, "keep-alive") : !contains(connection, "close");
        // a body that only ends when the connection does leaves nothing to reuse
        if (!chunked && length < 0) keepAlive = false;
        return new ResponseHead(status, headers, length, chunked, keepAlive);
    }

    private static boolean contains(List<String> values, String token) {
        if (values == null) return false;
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) return true;
            }
        }
        return false;
    }
}
