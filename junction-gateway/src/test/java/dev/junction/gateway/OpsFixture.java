package dev.junction.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.config.ConfigLoader;
import dev.junction.gateway.cli.Main;
import dev.junction.gateway.server.Gateway;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.simulator.Simulator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A gateway run the way {@code junction serve --config F} runs it ({@link Gateway}: keys, limits, metrics,
 * traces, reload), on a config file written to a temp directory, against the provider simulator. The file
 * names the simulator as {@code ${SIM}} and the ledger as {@code ${STORE}} / {@code ${JOURNAL}}; they are
 * filled in before the file is written, so the file is what a user would have.
 */
final class OpsFixture implements AutoCloseable {
    final Simulator sim;
    final Path dir;
    final Path configFile;
    final String storeUrl;
    final Gateway gateway;
    /** What the gateway wrote to its access log. */
    final java.io.ByteArrayOutputStream accessLog = new java.io.ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private boolean closed;

    OpsFixture(String configYaml, SpanExporter spans) throws IOException { this(configYaml, spans, true); }

    /** @param watch reload when the file changes; off for tests that reload through the endpoint */
    OpsFixture(String configYaml, SpanExporter spans, boolean watch) throws IOException {
        sim = Simulator.start();
        dir = Files.createTempDirectory("junction-ops-it");
        storeUrl = "jdbc:sqlite:" + dir.resolve("usage.db");
        configFile = dir.resolve("junction.yaml");
        writeConfig(configYaml);
        var config = ConfigLoader.load(configFile);
        Gateway.Builder b = Gateway.builder(config.withServer(config.server().withPort(0))).configFile(configFile).watchConfig(watch)
                .accessLog(accessLog);
        if (spans != null) b.spanExporter(spans);
        gateway = b.start();
    }

    OpsFixture(String configYaml) throws IOException { this(configYaml, null); }

    void writeConfig(String yaml) throws IOException {
        Files.writeString(configFile, yaml.replace("${SIM}", sim.openAiBaseUrl()).replace("${STORE}", storeUrl)
                .replace("${JOURNAL}", dir.resolve("journal").toString()));
    }

    /** The access log's lines so far. */
    java.util.List<String> accessLines() {
        gateway.flushAccessLog();
        synchronized (accessLog) {
            return accessLog.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    String baseUrl() { return "http://127.0.0.1:" + gateway.port(); }

    OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(apiKey).maxRetries(0).build();
    }

    /** Runs {@code junction ARGS} in this process; returns exit code, stdout and stderr. */
    CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    record CliRun(int code, String out, String err) {}

    /** Creates a key with the command line and returns it. */
    String createKey(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "keys";
        args[1] = "create";
        args[2] = "--config";
        args[3] = configFile.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        CliRun run = cli(args);
        if (run.code() != 0) throw new AssertionError("keys create failed: " + run.err());
        return run.out().strip();
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the gateway (flushing the ledger, as a clean shutdown does), then reads it back. */
    UsageQueries flushedLedger() {
        stop();
        return JdbcUsageStore.connect(storeUrl).queries();
    }

    void stop() {
        if (closed) return;
        closed = true;
        gateway.close();
    }

    @Override public void close() {
        stop();
        sim.close();
    }
}
