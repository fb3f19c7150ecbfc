package dev.junction.ledger.report;

import static dev.junction.ledger.SampleUsage.FLASH;
import static dev.junction.ledger.SampleUsage.HAIKU;
import static dev.junction.ledger.SampleUsage.MINI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.runner.SkipReason;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports over a seeded ledger whose answers are worked out by hand in the comments, run on every
 * store. The current period is the week [03-08, 03-15); the previous one is [03-01, 03-08).
 *
 * <pre>
 *  id  task       model  customer prompt  in/out     cost   latency ttft status fb  attempts
 *  c1  chat       mini   acme     v1      1000/200   0.010  100     40   ok     -   mini ok                 (at SINCE exactly)
 *  c2  chat       mini   acme     v1      1000/200   0.010  200     60   ok     -   mini ok
 *  c3  chat       haiku  globex   v2      2000/400   0.030  900     -    ok     fb  mini rate_limited, haiku ok
 *  c4  chat       haiku  globex   v2      2000/400   0.030  1100    -    ok     fb  mini skipped:circuit-open, haiku ok
 *  c5  chat       flash  -        -       500/100    0.002  3000    -    ok     fb  mini timeout, haiku server_error, flash ok
 *  c6  extract    haiku  acme     -       0/0        null   5000    -    error  fb  mini timeout, haiku timeout
 *  c7  extract    mini   initech  v1      3000/300   0.006  300     -    ok     -   mini ok
 *  c8  translate  flash  initech  -       800/200    0.003  400     100  ok     -   flash ok
 *  c9  translate  flash  initech  -       800/200    0.003  600     300  ok     -   flash ok
 *  previous week:
 *  p1  chat       mini   acme     v1      1000/200   0.010  (at PREVIOUS_SINCE exactly)
 *  p2  extract    mini   initech  -       1000/100   0.002
 *  p3  translate  flash  initech  -       800/200    0.001
 *  p4  summarize  mini   acme     -       500/500    0.004
 *  outside both: x0 (02-20) and x1 (at UNTIL, which is exclusive), 1.0 USD each
 * </pre>
 * Current total cost: 0.020 + 0.060 + 0.002 + 0.006 + 0.006 = 0.094; previous: 0.017.
 */
public abstract class ReportContract {
    static final Instant PREVIOUS_SINCE = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant SINCE = Instant.parse("2025-03-08T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2025-03-15T00:00:00Z");

    private JdbcUsageStore store;
    protected UsageReports reports;

    protected abstract String newStoreUrl();

    @BeforeEach
    void seed() {
        store = JdbcUsageStore.open(newStoreUrl());
        reports = new UsageReports(store.queries());
        Instant t = SINCE;
        Instant p = PREVIOUS_SINCE;
        store.writeBatch(List.of(
                rec("c1", t, "chat", MINI, "acme", "v1", 1000, 200, 0.010, 100, 40L, false, ok(0, MINI)),
                rec("c2", t.plusSeconds(60), "chat", MINI, "acme", "v1", 1000, 200, 0.010, 200, 60L, false, ok(0, MINI)),
                rec("c3", t.plusSeconds(120), "chat", HAIKU, "globex", "v2", 2000, 400, 0.030, 900, null, true,
                        failed(0, MINI, ErrorClass.RATE_LIMITED, 429), ok(1, HAIKU)),
                rec("c4", t.plusSeconds(180), "chat", HAIKU, "globex", "v2", 2000, 400, 0.030, 1100, null, true,
                        Attempt.skipped(0, MINI, SkipReason.CIRCUIT_OPEN), ok(1, HAIKU)),
                rec("c5", t.plusSeconds(240), "chat", FLASH, null, null, 500, 100, 0.002, 3000, null, true,
                        failed(0, MINI, ErrorClass.TIMEOUT, 0), failed(1, HAIKU, ErrorClass.SERVER_ERROR, 503), ok(2, FLASH)),
                failedRow("c6", t.plusSeconds(300), "extract", HAIKU, "acme", 5000,
                        failed(0, MINI, ErrorClass.TIMEOUT, 0), failed(1, HAIKU, ErrorClass.TIMEOUT, 0)),
                rec("c7", t.plusSeconds(360), "extract", MINI, "initech", "v1", 3000, 300, 0.006, 300, null, false, ok(0, MINI)),
                rec("c8", t.plusSeconds(420), "translate", FLASH, "initech", null, 800, 200, 0.003, 400, 100L, false, ok(0, FLASH)),
                rec("c9", UNTIL.minusSeconds(1), "translate", FLASH, "initech", null, 800, 200, 0.003, 600, 300L, false, ok(0, FLASH)),
                rec("p1", p, "chat", MINI, "acme", "v1", 1000, 200, 0.010, 100, null, false, ok(0, MINI)),
                rec("p2", p.plusSeconds(60), "extract", MINI, "initech", null, 1000, 100, 0.002, 200, null, false, ok(0, MINI)),
                rec("p3", p.plusSeconds(120), "translate", FLASH, "initech", null, 800, 200, 0.001, 300, null, false, ok(0, FLASH)),
                rec("p4", SINCE.minusNanos(1_000), "summarize", MINI, "acme", null, 500, 500, 0.004, 250, null, false, ok(0, MINI)),
                rec("x0", Instant.parse("2025-02-20T00:00:00Z"), "chat", MINI, "acme", "v1", 1, 1, 1.0, 1, null, false, ok(0, MINI)),
                rec("x1", UNTIL, "chat", MINI, "acme", "v1", 1, 1, 1.0, 1, null, false, ok(0, MINI))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void fallbacks_perRoute_rateAndCauseOfEachFallback() {
        // chat: c3 after mini's rate limit, c4 after mini was skipped (circuit open), c5 served by flash
        // after haiku's server error (the attempt just before the serving one). extract: c6 served by
        // nobody; its last attempt is the "serving" one, so the cause is mini's timeout before it.
        assertThat(reports.fallbacks(SINCE, UNTIL)).containsExactly(
                new FallbackRow("chat", 5, 3, 0.6, ordered("rate_limited", 1L, "server_error", 1L, "skipped:circuit-open", 1L)),
                new FallbackRow("extract", 2, 1, 0.5, Map.of("timeout", 1L)),
                new FallbackRow("translate", 2, 0, 0.0, Map.of()));
    }

    @Test
    void errors_perModel_countCallsNotSkipsAndGroupByClass() {
        // sorted by model id (anthropic/, google/, openai/)
        // mini: c1 c2 c7 ok, c3 rate_limited, c5 c6 timeout (c4 skipped is not a call) -> 3 of 6
        // haiku: c3 c4 ok, c5 server_error, c6 timeout -> 2 of 4; flash: c5 c8 c9 ok
        List<ErrorRow> rows = reports.errors(SINCE, UNTIL);

        assertThat(rows).containsExactly(
                new ErrorRow(HAIKU.toString(), 4, 2, 0.5, ordered("server_error", 1L, "timeout", 1L)),
                new ErrorRow(FLASH.toString(), 3, 0, 0.0, Map.of()),
                new ErrorRow(MINI.toString(), 6, 3, 0.5, ordered("timeout", 2L, "rate_limited", 1L)));
        assertThat(rows.get(2).classes().keySet()).containsExactly("timeout", "rate_limited");
    }

    @Test
    void latency_perServedModel_nearestRankPercentilesOfOkRows() {
        // flash: 400, 600, 3000 -> p50 = 2nd, p95 = p99 = 3rd; ttft 100, 300 -> p50 = 1st, p95 = 2nd
        // haiku: 900, 1100 (c6 is an error row) -> p50 = 1st; no ttft. mini: 100, 200, 300; ttft 40, 60
        assertThat(reports.latency(SINCE, UNTIL)).containsExactly(
                new LatencyRow(HAIKU.toString(), 2, 900, 1100, 1100, 0, null, null),
                new LatencyRow(FLASH.toString(), 3, 600, 3000, 3000, 2, 100L, 300L),
                new LatencyRow(MINI.toString(), 3, 200, 300, 300, 2, 40L, 60L));
    }

    @Test
    void topCustomers_byCostWithShareOfTotal_limitedAndWithoutAnonymousRows() {
        // globex 0.060 of 0.094; acme c1 c2 c6 = 0.020; initech c7 c8 c9 = 0.012 (cut by the limit)
        List<TopRow> rows = reports.topCustomers(SINCE, UNTIL, 2);

        assertThat(rows).extracting(TopRow::key, TopRow::requests, TopRow::inputTokens, TopRow::outputTokens, TopRow::costUsd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("globex", 2L, 4000L, 800L, 0.060),
                        org.assertj.core.groups.Tuple.tuple("acme", 3L, 2000L, 400L, 0.020));
        assertThat(rows.get(0).shareOfCost()).isCloseTo(0.060 / 0.094, within(1e-9));
        assertThat(rows.get(1).shareOfCost()).isCloseTo(0.020 / 0.094, within(1e-9));
    }

    @Test
    void topPrompts_byPromptTag_untaggedRowsLeftOut() {
        // v2: c3 c4 = 0.060; v1: c1 c2 c7 = 0.026
        assertThat(reports.topPrompts(SINCE, UNTIL, 10))
                .extracting(TopRow::key, TopRow::requests, TopRow::inputTokens, TopRow::costUsd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", 2L, 4000L, 0.060),
                        org.assertj.core.groups.Tuple.tuple("v1", 3L, 5000L, 0.026));
    }

    @Test
    void costChange_weekOverWeek_splitsEachDeltaIntoItsCause() {
        // chat/mini: 1 -> 2 requests at 0.010 each: all volume. translate/flash: 1 -> 2 requests of 1,000
        // tokens, 0.001 -> 0.003 each: volume (2-1) x 0.001 = 0.001, price (3e-6 - 1e-6) x 1000 x 2 = 0.004.
        // extract/mini: one request each week, 1,100 -> 3,300 tokens at the same 0.002/1,100 per token:
        // tokens (3300-1100) x 0.002/1100 x 1 = 0.004. Haiku and flash are new for chat; summarize stopped.
        // extract/haiku (c6) cost nothing in either week.
        assertThat(reports.costChange(SINCE, UNTIL)).containsExactly(
                change("chat", HAIKU, 0, 2, 0.0, 0.060, 0.060, 0.060, 0, 0, CostDriver.MODEL_ADDED),
                change("chat", MINI, 1, 2, 0.010, 0.020, 0.010, 0.010, 0, 0, CostDriver.REQUESTS),
                change("translate", FLASH, 1, 2, 0.001, 0.006, 0.005, 0.001, 0, 0.004, CostDriver.PRICE),
                change("extract", MINI, 1, 1, 0.002, 0.006, 0.004, 0, 0.004, 0, CostDriver.TOKENS_PER_REQUEST),
                change("summarize", MINI, 1, 0, 0.004, 0.0, -0.004, -0.004, 0, 0, CostDriver.MODEL_DROPPED),
                change("chat", FLASH, 0, 1, 0.0, 0.002, 0.002, 0.002, 0, 0, CostDriver.MODEL_ADDED),
                change("extract", HAIKU, 0, 1, 0.0, 0.0, 0.0, 0.0, 0, 0, CostDriver.UNCHANGED));
    }

    @Test
    void costChangeTable_header_hasBothPeriodsAndTotals() {
        ReportQuery q = ReportQuery.parse("cost-change", null, "2025-03-08", "2025-03-15", null, UNTIL);

        ReportTable table = ReportTables.run(reports, q);

        assertThat(table.header()).containsEntry("previousSince", PREVIOUS_SINCE).containsEntry("previousUntil", SINCE)
                .containsEntry("previousCostUsd", 0.017).containsEntry("currentCostUsd", 0.094).containsEntry("deltaUsd", 0.077);
        assertThat(table.rows()).hasSize(7);
    }

    @Test
    void summaryJson_byTaskAndModel_hasTheAdminApiShape() {
        ReportQuery q = ReportQuery.parse(null, "task,model", "2025-03-14", null, null, UNTIL.plusSeconds(3_600));

        String json = ReportFormat.JSON.render(ReportTables.run(reports, q));

        // only c9 (the last second of the week) and x1 (at UNTIL) are on or after 03-14
        assertThat(json).isEqualTo("{\"view\":\"summary\",\"since\":\"2025-03-14T00:00:00Z\",\"until\":null,"
                + "\"groupBy\":[\"task\",\"model\"],\"rows\":["
                + "{\"task\":\"chat\",\"model\":\"openai/gpt-4.1-mini\",\"requests\":1,\"inputTokens\":1,\"outputTokens\":1,"
                + "\"costUsd\":1.0,\"errors\":0,\"fallbacks\":0,\"p50LatencyMs\":1,\"p95LatencyMs\":1},"
                + "{\"task\":\"translate\",\"model\":\"google/gemini-2.0-flash\",\"requests\":1,\"inputTokens\":800,"
                + "\"outputTokens\":200,\"costUsd\":0.003,\"errors\":0,\"fallbacks\":0,\"p50LatencyMs\":600,\"p95LatencyMs\":600}]}");
    }

    @Test
    void reports_emptyPeriod_noRows() {
        Instant later = UNTIL.plus(Duration.ofDays(30));

        assertThat(reports.fallbacks(later, later.plusSeconds(60))).isEmpty();
        assertThat(reports.errors(later, later.plusSeconds(60))).isEmpty();
        assertThat(reports.latency(later, later.plusSeconds(60))).isEmpty();
        assertThat(reports.topCustomers(later, later.plusSeconds(60), 10)).isEmpty();
        assertThat(reports.costChange(later, later.plusSeconds(60))).isEmpty();
    }

    // ---------------------------------------------------------------- seed helpers

    private static UsageRecord rec(String id, Instant at, String task, ModelId model, String customer, String prompt,
                                   long in, long out, Double cost, long latencyMs, Long ttftMs, boolean fallback,
                                   Attempt... attempts) {
        return new UsageRecord(at, id, customer, task, MINI.toString(), model.toString(), model.provider(), fallback,
                (int) java.util.Arrays.stream(attempts).filter(Attempt::called).count(), new Usage(in, out), cost,
                latencyMs, ttftMs, ttftMs != null, UsageStatus.OK, null, prompt == null ? Map.of() : Map.of("prompt", prompt),
                null, List.of(attempts), null);
    }

    private static UsageRecord failedRow(String id, Instant at, String task, ModelId lastTried, String customer,
                                         long latencyMs, Attempt... attempts) {
        return new UsageRecord(at, id, customer, task, MINI.toString(), lastTried.toString(), lastTried.provider(), true,
                attempts.length, Usage.ZERO, null, latencyMs, null, false, UsageStatus.ERROR, "timeout", Map.of(), null,
                List.of(attempts), null);
    }

    private static Attempt ok(int ordinal, ModelId model) {
        return new Attempt(ordinal, model, Outcome.OK, 200, 10, null, Usage.ZERO, null);
    }

    private static Attempt failed(int ordinal, ModelId model, ErrorClass c, int status) {
        return new Attempt(ordinal, model, new Outcome.Failed(Failure.of(c, "failed")), status, 10, null, Usage.ZERO, null);
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Long) pairs[i + 1]);
        return m;
    }

    private static CostChangeRow change(String task, ModelId model, long n0, long n1, double c0, double c1, double delta,
                                        double requests, double tokens, double price, CostDriver driver) {
        return new CostChangeRow(task, model.toString(), n0, n1, c0, c1, delta, requests, tokens, price, driver);
    }
}
