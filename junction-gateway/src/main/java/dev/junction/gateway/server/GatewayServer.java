package dev.junction.gateway.server;

import dev.junction.Junction;
import dev.junction.config.ServerConfig;
import dev.junction.gateway.access.AccessLog;
import dev.junction.gateway.access.AccessLogWriter;
import dev.junction.gateway.access.AdminGuard;
import dev.junction.gateway.access.RequestGate;
import dev.junction.gateway.admin.AdminJson;
import dev.junction.gateway.admin.ExplainHandler;
import dev.junction.gateway.admin.UsageHandler;
import dev.junction.gateway.openai.ChatCompletionsHandler;
import dev.junction.gateway.openai.ModelsHandler;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import dev.junction.gateway.telemetry.GatewayMetrics;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible HTTP surface on Helidon's virtual-thread server. TCP_NODELAY is on: without
 * it small responses and SSE events wait for Nagle's algorithm.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final WebServer server;
    private final AccessLogWriter ownAccessLog;

    private GatewayServer(WebServer server, AccessLogWriter ownAccessLog) {
        this.server = server;
        this.ownAccessLog = ownAccessLog;
    }

    /**
     * What the server exposes.
     *
     * @param metrics    null: no {@code /metrics}
     * @param notReady   the reason the gateway is not ready, or null when it is
     * @param reloader   null: the gateway has no config file to reload
     * @param accessLog  where the access log's lines go
     */
    record Surface(JunctionHolder junctions, RequestGate gate, GatewayMetrics metrics, Supplier<String> notReady,
                   OpsHandlers.Reloader reloader, AccessLogWriter accessLog) {}

    /** A gateway over one fixed Junction: open, no limits, no metrics, access log on standard error (the demo; embedding). */
    public static GatewayServer start(Junction junction, ServerConfig config) {
        AccessLogWriter accessLog = AccessLogWriter.stderr();
        return start(new Surface(new JunctionHolder(junction, Duration.ofMillis(config.shutdownGraceMs())),
                RequestGate.open(), null, () -> null, null, accessLog), config, accessLog);
    }

    static GatewayServer start(Surface s, ServerConfig config) { return start(s, config, null); }

    private static GatewayServer start(Surface s, ServerConfig config, AccessLogWriter ownAccessLog) {
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofMillis(config.shutdownGraceMs()))
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> routes(r, s, config))
                .build()
                .start();
        log.info("Junction gateway listening on http://{}:{}", config.host(), server.port());
        return new GatewayServer(server, ownAccessLog);
    }

    private static void routes(HttpRouting.Builder r, Surface s, ServerConfig config) {
        r.addFilter(new AccessLog(s.accessLog()))
                .any("/v1/junction/*", new AdminGuard(s.junctions()))
                .post("/v1/junction/reload", (req, res) -> OpsHandlers.reload(s.reloader(), res))
                .post("/v1/junction/explain", new ExplainHandler(s.junctions()))
                .get("/v1/junction/health", (req, res) -> {
                    res.header(HeaderValues.CONTENT_TYPE_JSON);
                    res.send(AdminJson.health(s.junctions().get().health()));
                })
                .get("/v1/junction/usage", new UsageHandler(s.junctions()))
                .post("/v1/chat/completions", new ChatCompletionsHandler(s.junctions(), s.gate(), config.maxBodyBytes()))
                .get("/v1/models", new ModelsHandler(s.junctions(), s.gate()))
                .get("/healthz", OpsHandlers::healthz)
                .get("/readyz", (req, res) -> OpsHandlers.readyz(s.notReady(), res));
        if (s.metrics() != null) r.get("/metrics", (req, res) -> OpsHandlers.metrics(s.metrics(), res));
        r.any((req, res) -> {
            res.status(404);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(OpenAiErrorWriter.body(404, "not_found", "no such endpoint: " + req.prologue().method().text()
                    + " " + req.path().path(), null));
        });
    }

    public int port() { return server.port(); }

    /** Stops accepting, lets in-flight requests finish up to the grace period. */
    @Override public void close() {
        server.stop();
        if (ownAccessLog != null) ownAccessLog.close();
    }
}
