package dev.junction.gateway.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes OpenAI-shaped errors, {@code {"error":{"message","type","code","param"}}}, the shape every
 * OpenAI SDK reads. Messages never carry a key, a stack trace or prompt text.
 */
public final class OpenAiErrorWriter {
    static final JsonFactory JSON = new JsonFactory();

    private OpenAiErrorWriter() {}

    public static byte[] body(int status, String code, String message, String param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("type", type(status));
            g.writeStringField("code", code);
            g.writeStringField("param", param);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** OpenAI's {@code type} for a status, so SDK users see familiar values. */
    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 502 -> "upstream_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
