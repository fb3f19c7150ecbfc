package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.server.GatewayServer;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No usage row is lost through the whole stack: a gateway whose PostgreSQL store refuses connections
 * keeps answering and journals its rows; the next gateway started on the same journal directory with a
 * working store replays them at start-up, each request exactly once.
 */
class LedgerZeroLossIT {
    private static final String DOWN_STORE = "jdbc:postgresql://127.0.0.1:1/test"; // nothing listens on port 1
    private static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              data_extraction:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                maxLatencyMs: 4000
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    @TempDir Path dir;
    private Simulator sim;
    private Path journal;
    private String sqlite;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    /** One gateway process: Junction (with its usage writer) and the HTTP server. */
    private record Gateway(Junction junction, GatewayServer server) implements AutoCloseable {
        String url() { return "http://127.0.0.1:" + server.port(); }

        /** A clean stop: the server drains, then Junction flushes the writer (to the store or the journal). */
        @Override public void close() {
            server.close();
            junction.close();
        }
    }

    @BeforeEach
    void start() {
        sim = Simulator.start();
        journal = dir.resolve("journal");
        sqlite = "jdbc:sqlite:" + dir.resolve("usage.db");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        sim.close();
    }

    private Gateway gateway(String store) {
        JunctionConfig config = new ConfigLoader(Map.of("SIM", sim.openAiBaseUrl(), "STORE", store,
                "JOURNAL", journal.toString())).parse(CONFIG, "zero-loss.yaml");
        config = config.withServer(config.server().withPort(0));
        Junction junction = Junction.builder(config).build();
        return new Gateway(junction, GatewayServer.start(junction, config.server()));
    }

    private UsageQueries ledger() {
        JdbcUsageStore reader = JdbcUsageStore.connect(sqlite);
        open.add(reader);
        return reader.queries();
    }

    /** Sends {@code n} chat requests with ids of our own; every one must be answered 200. */
    private List<String> send(Gateway gw, String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i + "-" + UUID.randomUUID();
            String body = "{\"model\":\"data_extraction\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Extract the invoice number from INV-" + i + "\"}]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw.url() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").header("X-Request-Id", id)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Junction-Request-Id")).hasValue(id);
            ids.add(id);
        }
        return ids;
    }

    private long journaledLines() throws IOException {
        if (!Files.isDirectory(journal)) return 0;
        long n = 0;
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : files.toList()) {
                if (!Files.isRegularFile(f)) continue; // the intake log's folder
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    n += lines.filter(l -> !l.isBlank()).count();
                }
            }
        }
        return n;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) Assertions.fail("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    private static void assertExactlyOnce(UsageQueries ledger, List<String> ids) {
        assertThat(ledger.countUsageRows()).isEqualTo(ids.size());
        for (String id : ids) assertThat(ledger.findUsage(id)).as(id).isPresent();
    }

    @Test
    void storeRefusing_gatewayKeepsServing_nextGatewayReplaysEveryRowOnceAtStartUp() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Gateway down = gateway(DOWN_STORE)) {
            ids.addAll(send(down, "down", 25));
            sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
            ids.addAll(send(down, "down-fallback", 1)); // served by the fallback: a row with two attempts
        }
        assertThat(journaledLines()).isEqualTo(ids.size());

        try (Gateway up = gateway(sqlite)) {
            // no request reaches this gateway: the rows come from the journal, replayed at start-up
            UsageQueries ledger = ledger();
            await("every journaled row is stored", () -> ledger.countUsageRows() >= ids.size());
            await("the journal is emptied", () -> {
                try {
                    return journaledLines() == 0;
                } catch (IOException e) {
                    return false;
                }
            });
            assertExactlyOnce(ledger, ids);
            assertThat(ledger.countAttemptRows()).isEqualTo(ids.size() + 1);
            assertThat(ledger.findUsage(ids.getLast())).hasValueSatisfying(row -> {
                assertThat(row.fallback()).isTrue();
                assertThat(row.model()).isEqualTo("qwen/qwen-plus");
            });
            assertThat(ledger.findUsage(ids.getFirst())).hasValueSatisfying(row -> {
                assertThat(row.status()).isEqualTo("ok");
                assertThat(row.costUsd()).isPositive();
                assertThat(row.prices()).isNotNull();
            });
        }
    }

    @Test
    void journalReplayedTwice_afterACrashBeforeItsSegmentWasDeleted_stillOneRowPerRequest() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Gateway down = gateway(DOWN_STORE)) {
            ids.addAll(send(down, "first", 10));
        }
        // keep a copy of the journal as it was: a crash after the store's commit but before the segment
        // was deleted leaves exactly this behind
        Path copy = dir.resolve("journal-copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, copy.resolve(f.getFileName()));
        }

        try (Gateway up = gateway(sqlite)) {
            ids.addAll(send(up, "while-replaying", 10)); // new rows while the old ones replay
            UsageQueries ledger = ledger();
            await("old and new rows are stored", () -> ledger.countUsageRows() >= ids.size());
        }
        try (Stream<Path> files = Files.list(copy)) {
            for (Path f : files.toList()) Files.copy(f, journal.resolve(f.getFileName()));
        }
        assertThat(journaledLines()).isEqualTo(10);

        try (Gateway again = gateway(sqlite)) {
            UsageQueries ledger = ledger();
            await("the stale journal is replayed", () -> {
                try {
                    return journaledLines() == 0;
                } catch (IOException e) {
                    return false;
                }
            });
            assertExactlyOnce(ledger, ids);
            assertThat(ledger.countAttemptRows()).isEqualTo(ids.size());
        }
    }
}
