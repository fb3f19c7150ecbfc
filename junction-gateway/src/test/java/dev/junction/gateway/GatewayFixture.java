package dev.junction.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.server.GatewayServer;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real gateway on loopback: the provider simulator, Junction with a SQLite ledger in a temp
 * directory, the HTTP server, and the official OpenAI Java SDK pointed at it.
 */
final class GatewayFixture implements AutoCloseable {
    final Simulator sim;
    final Junction junction;
    final GatewayServer server;
    final OpenAIClient client;
    final String storeUrl;
    private boolean junctionClosed;

    GatewayFixture(String configYaml) throws IOException {
        sim = Simulator.start();
        Path dir = Files.createTempDirectory("junction-gw-it");
        storeUrl = "jdbc:sqlite:" + dir.resolve("usage.db");
        JunctionConfig config = new ConfigLoader(Map.of("SIM", sim.openAiBaseUrl(), "SIM_ANTHROPIC", sim.anthropicBaseUrl(),
                "SIM_GEMINI", sim.geminiBaseUrl(), "STORE", storeUrl, "JOURNAL", dir.resolve("journal").toString()))
                .parse(configYaml, "gateway-it.yaml");
        config = config.withServer(config.server().withPort(0));
        junction = Junction.builder(config).build();
        server = GatewayServer.start(junction, config.server());
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey("sk-gateway-test").maxRetries(0).build();
    }

    String baseUrl() { return "http://127.0.0.1:" + server.port(); }

    /** Stops the gateway and flushes the ledger (as a clean shutdown does), then reads it back. */
    UsageQueries flushedLedger() {
        closeJunction();
        return JdbcUsageStore.connect(storeUrl).queries();
    }

    private void closeJunction() {
        if (junctionClosed) return;
        junctionClosed = true;
        server.close();
        junction.close();
    }

    @Override public void close() {
        client.close();
        closeJunction();
        sim.close();
    }
}
