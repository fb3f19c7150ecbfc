package dev.junction.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One request the simulator received, as it arrived on the wire.
 *
 * @param persona {@code openai}, {@code azure-openai}, {@code anthropic} or {@code gemini}
 * @param method the HTTP method
 * @param path the request target as sent, query included, e.g. {@code /gemini/v1beta/models/m:streamGenerateContent?alt=sse}
 * @param headers header names in lower case; repeated headers joined with {@code ", "}
 * @param body the raw body bytes (do not modify)
 * @param model the model the request named (body {@code model}, or Azure's or Gemini's path), or {@code null}
 * @param stream whether the request asked for a stream
 * @param progress how the response to it went; changes after the snapshot was taken
 */
public record SeenRequest(String persona, String method, String path, Map<String, String> headers, byte[] body,
                          String model, boolean stream, ReplyProgress progress) {

    public SeenRequest {
        headers = Map.copyOf(headers);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's value by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** True once the client closed the connection before the simulator finished the response. */
    public boolean clientDisconnected() {
        return progress.clientDisconnected();
    }

    /** Waits up to {@code timeout} for {@link #clientDisconnected()}; returns its value. */
    public boolean awaitClientDisconnected(Duration timeout) throws InterruptedException {
        return progress.awaitClientDisconnected(timeout);
    }

    /** True once the whole response (terminator included) was written and flushed. */
    public boolean responseCompleted() {
        return progress.completed();
    }
}
