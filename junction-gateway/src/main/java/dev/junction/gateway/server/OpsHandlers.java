package dev.junction.gateway.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import dev.junction.gateway.telemetry.GatewayMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The operator endpoints: liveness, readiness, Prometheus metrics, config reload. */
final class OpsHandlers {
    private static final JsonFactory JSON = new JsonFactory();
    private static final io.helidon.http.Header PROMETHEUS_TEXT =
            HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");

    private OpsHandlers() {}

    static void healthz(ServerRequest req, ServerResponse res) { res.send("ok"); }

    /** 200 {@code ready}, or 503 with the reason (no config, the store down without a journal). */
    static void readyz(Supplier<String> notReadyReason, ServerResponse res) {
        String reason = notReadyReason.get();
        if (reason == null) {
            res.send("ready");
        } else {
            res.status(503);
            res.send("not ready: " + reason);
        }
    }

    static void metrics(GatewayMetrics metrics, ServerResponse res) {
        res.header(PROMETHEUS_TEXT);
        res.send(metrics.scrape());
    }

    static void reload(Reloader reloader, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (reloader == null) {
            res.status(400);
            res.send(OpenAiErrorWriter.body(400, "invalid_config", "this gateway was started without a config file; nothing to reload", null));
            return;
        }
        switch (reloader.reload()) {
            case ReloadResult.Reloaded r -> res.send(reloaded(r));
            case ReloadResult.Rejected r -> {
                res.status(400);
                res.send(OpenAiErrorWriter.body(400, "invalid_config", r.reason(), null));
            }
        }
    }

    private static byte[] reloaded(ReloadResult.Reloaded r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", r.version());
            g.writeNumberField("routes", r.routes());
            g.writeNumberField("providers", r.providers());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Re-reads the config file and swaps it in, or says why not. */
    @FunctionalInterface
    interface Reloader {
        ReloadResult reload();
    }
}
