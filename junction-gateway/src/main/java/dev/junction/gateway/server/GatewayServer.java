package dev.junction.gateway.server;

import dev.junction.Junction;
import dev.junction.config.ServerConfig;
import dev.junction.gateway.admin.AdminJson;
import dev.junction.gateway.admin.ExplainHandler;
import dev.junction.gateway.openai.ChatCompletionsHandler;
import dev.junction.gateway.openai.ModelsHandler;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
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

    private GatewayServer(WebServer server) { this.server = server; }

    public static GatewayServer start(Junction junction, ServerConfig config) {
        Supplier<Junction> current = () -> junction;
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofMillis(config.shutdownGraceMs()))
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r
                        .post("/v1/chat/completions", new ChatCompletionsHandler(current, config.maxBodyBytes()))
                        .get("/v1/models", new ModelsHandler(current))
                        .post("/v1/junction/explain", new ExplainHandler(current))
                        .get("/v1/junction/health", (req, res) -> {
                            res.header(HeaderValues.CONTENT_TYPE_JSON);
                            res.send(AdminJson.health(current.get().health()));
                        })
                        .get("/v1/junction/usage", new dev.junction.gateway.admin.UsageHandler(current))
                        .get("/healthz", (req, res) -> res.send("ok"))
                        .get("/readyz", (req, res) -> res.send("ready"))
                        .any((req, res) -> {
                            res.status(404);
                            res.header(HeaderValues.CONTENT_TYPE_JSON);
                            res.send(OpenAiErrorWriter.body(404, "not_found", "no such endpoint: " + req.prologue().method().text()
                                    + " " + req.path().path(), null));
                        }))
                .build()
                .start();
        log.info("Junction gateway listening on http://{}:{}", config.host(), server.port());
        return new GatewayServer(server);
    }

    public int port() { return server.port(); }

    /** Stops accepting, lets in-flight requests finish up to the grace period. */
    @Override public void close() { server.stop(); }
}
