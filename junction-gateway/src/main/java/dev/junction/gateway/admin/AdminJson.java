package dev.junction.gateway.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.health.HealthRegistry;
import dev.junction.route.Explanation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON bodies of the admin API (interface.md §3); also what the CLI prints with {@code --json}. */
public final class AdminJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AdminJson() {}

    /** {@code {"task","inputTokens","maxLatencyMs","candidates":[{"model","provider","decision","reason","budgetMs","circuit"}]}}. */
    public static byte[] explanation(Explanation e) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("task", e.task());
            g.writeNumberField("inputTokens", e.inputTokens());
            if (e.maxLatencyMs() != null) g.writeNumberField("maxLatencyMs", e.maxLatencyMs());
            g.writeArrayFieldStart("candidates");
            for (Explanation.Line l : e.candidates()) {
                g.writeStartObject();
                g.writeStringField("model", l.model());
                g.writeStringField("provider", l.provider());
                g.writeStringField("decision", l.decision());
                g.writeStringField("reason", l.reason());
                if (l.budgetMs() != null) g.writeNumberField("budgetMs", l.budgetMs());
                else g.writeNullField("budgetMs");
                g.writeStringField("circuit", l.circuit());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"models":[{"model","state","openUntil","cooldownUntil"}]}}. */
    public static byte[] health(List<HealthRegistry.ModelView> views) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("models");
            for (HealthRegistry.ModelView v : views) {
                g.writeStartObject();
                g.writeStringField("model", v.model().toString());
                g.writeStringField("state", v.state().wireName());
                g.writeStringField("openUntil", v.openUntil() == null ? null : v.openUntil().toString());
                g.writeStringField("cooldownUntil", v.cooldownUntil() == null ? null : v.cooldownUntil().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
