package dev.junction.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code junction report} over a seeded SQLite ledger named by a config file. Seed, in March 2025:
 * <pre>
 *  r1 chat    mini   03-10 10:00  1000/200  0.010  100 ms  ok
 *  r2 chat    mini   03-10 11:00  3000/600  0.030  300 ms  ok
 *  r3 chat    haiku  03-11        500/100   0.002  900 ms  ok, fallback after mini's rate limit
 *  r4 extract mini   03-12        0/0       -       50 ms  error
 *  x  chat    mini   02-01        (before --since)
 * </pre>
 */
class ReportCommandIT {
    private static final ModelId MINI = ModelId.parse("openai/gpt-4.1-mini");
    private static final ModelId HAIKU = ModelId.parse("anthropic/claude-3-5-haiku-latest");
    private static final String[] MARCH = {"--since", "2025-03-01", "--until", "2025-03-15"};

    @TempDir Path dir;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void seedLedger() throws Exception {
        Path db = dir.resolve("ledger/junction.db");
        try (JdbcUsageStore store = JdbcUsageStore.open("jdbc:sqlite:" + db)) {
            store.writeBatch(List.of(
                    row("r1", "2025-03-10T10:00:00Z", "chat", MINI, 1000, 200, 0.010, 100, UsageStatus.OK, false,
                            ok(0, MINI)),
                    row("r2", "2025-03-10T11:00:00Z", "chat", MINI, 3000, 600, 0.030, 300, UsageStatus.OK, false,
                            ok(0, MINI)),
                    row("r3", "2025-03-11T09:00:00Z", "chat", HAIKU, 500, 100, 0.002, 900, UsageStatus.OK, true,
                            new Attempt(0, MINI, new Outcome.Failed(Failure.of(ErrorClass.RATE_LIMITED, "slow down")), 429,
                                    20, null, Usage.ZERO, null), ok(1, HAIKU)),
                    row("r4", "2025-03-12T09:00:00Z", "extract", MINI, 0, 0, null, 50, UsageStatus.ERROR, false,
                            new Attempt(0, MINI, new Outcome.Failed(Failure.of(ErrorClass.SERVER_ERROR, "boom")), 500, 50,
                                    null, Usage.ZERO, null)),
                    row("x", "2025-02-01T09:00:00Z", "chat", MINI, 1, 1, 5.0, 1, UsageStatus.OK, false, ok(0, MINI))));
        }
        config = writeConfig("jdbc:sqlite:" + db);
    }

    private Path writeConfig(String store) throws Exception {
        Path file = dir.resolve("junction-" + Math.abs(store.hashCode()) + ".yaml");
        Files.writeString(file, """
                providers:
                  openai: { api: openai, baseUrl: "http://127.0.0.1:9/v1", apiKey: unused }
                routes:
                  chat: { primary: openai/gpt-4.1-mini }
                usage: { store: "%s" }
                """.formatted(store));
        return file;
    }

    private int report(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "report";
        all[1] = "--config";
        all[2] = config.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cl.execute(all);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void report_byTaskAndModel_printsAnAlignedTable() {
        int code = report(with(MARCH, "--by", "task,model"));

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly("view: summary", "since: 2025-03-01T00:00:00Z",
                "until: 2025-03-15T00:00:00Z", "groupBy: task,model", "");
        List<String> table = lines.subList(5, lines.size());
        assertThat(table).hasSize(4);
        assertThat(table.getFirst().split(" +")).containsExactly("task", "model", "requests", "inputTokens",
                "outputTokens", "costUsd", "errors", "fallbacks", "p50LatencyMs", "p95LatencyMs");
        // mini on chat: r1 + r2; latencies 100, 300 -> p50 = 1st, p95 = 2nd
        assertThat(table.get(1).split(" +")).containsExactly("chat", HAIKU.toString(), "1", "500", "100", "0.002000", "0", "1", "900", "900");
        assertThat(table.get(2).split(" +")).containsExactly("chat", MINI.toString(), "2", "4000", "800", "0.040000", "0", "0", "100", "300");
        assertThat(table.get(3).split(" +")).containsExactly("extract", MINI.toString(), "1", "0", "0", "0.000000", "1", "0", "50", "50");
        // the last column is right-aligned, so every line of an aligned table is as long as the header
        assertThat(table).allSatisfy(l -> assertThat(l).hasSameSizeAs(table.getFirst()));
    }

    @Test
    void report_json_hasTheAdminApiShape() throws Exception {
        assertThat(report(with(MARCH, "--by", "task", "--json"))).isZero();

        JsonNode body = new ObjectMapper().readTree(out.toString());
        assertThat(body.path("groupBy").toString()).isEqualTo("[\"task\"]");
        assertThat(body.path("rows")).hasSize(2);
        assertThat(body.path("rows").get(0).path("task").asText()).isEqualTo("chat");
        assertThat(body.path("rows").get(0).path("requests").asLong()).isEqualTo(3);
        assertThat(body.path("rows").get(0).path("costUsd").asDouble()).isEqualTo(0.042);
    }

    @Test
    void report_csvByDay_oneLinePerUtcDay() {
        assertThat(report(with(MARCH, "--by", "day", "--csv"))).isZero();

        assertThat(out.toString()).isEqualTo(
                "day,requests,inputTokens,outputTokens,costUsd,errors,fallbacks,p50LatencyMs,p95LatencyMs\r\n"
                + "2025-03-10,2,4000,800,0.04,0,0,100,300\r\n"
                + "2025-03-11,1,500,100,0.002,0,1,900,900\r\n"
                + "2025-03-12,1,0,0,0,1,0,50,50\r\n");
    }

    @Test
    void report_viewFallbacksAndErrors_showCausesAndClasses() {
        assertThat(report(with(MARCH, "--view", "fallbacks", "--csv"))).isZero();
        assertThat(out.toString()).isEqualTo("task,requests,fallbacks,fallbackRate,causes\r\n"
                + "chat,3,1,0.3333333333333333,rate_limited=1\r\n"
                + "extract,1,0,0,\r\n");

        out.getBuffer().setLength(0);
        assertThat(report(with(MARCH, "--view", "errors", "--csv"))).isZero();
        // mini: r1 r2 ok, r3 rate_limited, r4 server_error; haiku: r3 ok
        assertThat(out.toString()).isEqualTo("model,attempts,errors,errorRate,errorClasses\r\n"
                + "anthropic/claude-3-5-haiku-latest,1,0,0,\r\n"
                + "openai/gpt-4.1-mini,4,2,0.5,rate_limited=1 server_error=1\r\n");
    }

    @Test
    void report_noBounds_includesEveryRow() {
        assertThat(report("--by", "", "--json")).isZero();

        assertThat(out.toString()).contains("\"requests\":5");
    }

    @Test
    void report_badSince_exitsWithUsageErrorNamingIt() {
        int code = report("--since", "yesterday");

        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("since 'yesterday' is not a time: want 7d, 24h, 30m");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void report_jsonAndCsv_exitsWithUsageError() {
        assertThat(report("--json", "--csv")).isEqualTo(Main.USAGE);
    }

    @Test
    void report_ledgerFileMissing_failsWithoutCreatingIt() throws Exception {
        Path missing = dir.resolve("nowhere/junction.db");
        config = writeConfig("jdbc:sqlite:" + missing);

        int code = report();

        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("no usage ledger at " + missing);
        assertThat(missing).doesNotExist();
    }

    private static UsageRecord row(String id, String at, String task, ModelId model, long in, long out, Double cost,
                                   long latencyMs, UsageStatus status, boolean fallback, Attempt... attempts) {
        return new UsageRecord(Instant.parse(at), id, "acme", task, MINI.toString(), model.toString(), model.provider(),
                fallback, attempts.length, new Usage(in, out), cost, latencyMs, null, false, status,
                status == UsageStatus.OK ? null : "server_error", Map.of(), null, List.of(attempts), null);
    }

    private static Attempt ok(int ordinal, ModelId model) {
        return new Attempt(ordinal, model, Outcome.OK, 200, 10, null, Usage.ZERO, null);
    }
}
