package dev.junction.providers.http;

import java.util.List;

/**
 * An upstream body as a provider's request mapper wrote it, and the caller's fields that were not sent
 * as asked (the {@code x-junction-dropped-params} header).
 *
 * @param dropped the caller's (OpenAI) names of fields left out or changed for this upstream, in a stable order
 */
public record MappedRequest(RequestBytes bytes, List<String> dropped) {
    public MappedRequest { dropped = List.copyOf(dropped); }

    /** The body as an array of its own (a copy; the request path sends {@link #bytes}). */
    public byte[] body() { return bytes.toArray(); }
}
