package dev.junction.ledger.store;

import static dev.junction.ledger.SampleUsage.FLASH;
import static dev.junction.ledger.SampleUsage.HAIKU;
import static dev.junction.ledger.SampleUsage.MINI;
import static dev.junction.ledger.SampleUsage.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.catalog.Prices;
import dev.junction.ledger.RetentionSweep;
import dev.junction.config.LimitSpec;
import dev.junction.ledger.SampleUsage;
import dev.junction.ledger.keys.GatewayKey;
import dev.junction.ledger.keys.GatewayKeyStore;
import dev.junction.ledger.keys.KeyHash;
import dev.junction.ledger.report.AttemptRow;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.report.UsageRow;
import dev.junction.ledger.report.UsageSummaryRow;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every usage store must do, run once per database by a subclass that says how to get an
 * empty store. Each test starts on a store of its own.
 */
public abstract class UsageStoreContract {

    private static final int RETENTION_BATCH = RetentionSweep.BATCH_ROWS;

    protected JdbcUsageStore store;
    protected UsageQueries queries;
    private String url;

    /** A JDBC URL of a store no other test uses. */
    protected abstract String newStoreUrl();

    @BeforeEach
    void openStore() {
        url = newStoreUrl();
        store = JdbcUsageStore.open(url);
        queries = store.queries();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void writeBatch_servedAfterFallback_roundTripsExactly() {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-ok")));

        assertThat(queries.findUsage("req-ok")).contains(new UsageRow(T0, "req-ok", "acme", "support_chat",
                "openai/gpt-4.1-mini", "anthropic/claude-3-5-haiku-latest", "anthropic", true, 2, 1200, 200, 350, 40,
                0.0021, 990, 450L, true, "ok", null, Map.of("feature", "search", "prompt", "v3"), "key_01",
                SampleUsage.HAIKU_PRICES));
        assertThat(queries.findAttempts("req-ok")).containsExactly(
                new AttemptRow("req-ok", 0, "openai/gpt-4.1-mini", "openai", "rate_limited", 429, 120, 0, 0, null),
                new AttemptRow("req-ok", 1, "anthropic/claude-3-5-haiku-latest", "anthropic", "ok", 200, 830, 1200, 350, 0.0021));
    }

    @Test
    void writeBatch_failedEverywhere_keepsNullsAndSkipOutcomes() {
        store.writeBatch(List.of(SampleUsage.failedEverywhere("req-err")));

        assertThat(queries.findUsage("req-err")).contains(new UsageRow(T0.plusSeconds(1), "req-err", null,
                "support_chat", "openai/gpt-4.1-mini", "google/gemini-2.0-flash", "google", true, 2, 0, 0, 0, 0,
                null, 5_010, null, false, "error", "timeout", Map.of(), null, null));
        assertThat(queries.findAttempts("req-err")).containsExactly(
                new AttemptRow("req-err", 0, "openai/gpt-4.1-mini", "openai", "skipped:circuit-open", 0, 0, 0, 0, null),
                new AttemptRow("req-err", 1, "anthropic/claude-3-5-haiku-latest", "anthropic", "server_error", 503, 2_000, 0, 0, null),
                new AttemptRow("req-err", 2, "google/gemini-2.0-flash", "google", "timeout", 0, 3_000, 0, 0, null));
    }

    @Test
    void writeBatch_sameRequestAgain_keepsFirstRowOnly() {
        UsageRecord first = SampleUsage.servedAfterFallback("req-1");
        store.writeBatch(List.of(first));
        UsageRecord replayedWithOtherContent = SampleUsage.served("req-1", T0, "other", FLASH, 1, 1, 1.0, 1);

        store.writeBatch(List.of(replayedWithOtherContent, SampleUsage.failedEverywhere("req-2")));

        assertThat(queries.countUsageRows()).isEqualTo(2);
        assertThat(queries.countAttemptRows()).isEqualTo(2 + 3);
        assertThat(queries.findUsage("req-1")).hasValueSatisfying(row -> assertThat(row.task()).isEqualTo("support_chat"));
    }

    @Test
    void writeBatch_duplicateInsideOneBatch_writesOneRow() {
        UsageRecord r = SampleUsage.failedEverywhere("req-dup");

        store.writeBatch(List.of(r, r));

        assertThat(queries.countUsageRows()).isEqualTo(1);
        assertThat(queries.findAttempts("req-dup")).hasSize(3);
    }

    @Test
    void writeBatch_moreRowsThanOneStatementHolds_writesThemAll() {
        store.writeBatch(SampleUsage.bulk("bulk-", 1_200));

        assertThat(queries.countUsageRows()).isEqualTo(1_200);
        assertThat(queries.countAttemptRows()).isEqualTo(1_200);
        assertThat(queries.findUsage("bulk-1199")).hasValueSatisfying(row -> assertThat(row.inputTokens()).isEqualTo(1_209));
    }

    @Test
    void open_existingStore_keepsRowsAndMigratesNothing() {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));

        try (JdbcUsageStore again = JdbcUsageStore.open(url)) {
            assertThat(again.queries().countUsageRows()).isEqualTo(1);
        }
    }

    @Test
    void writeBatch_pricesWithoutCachedPrice_roundTripsWithNullCachedPrice() {
        UsageRecord r = SampleUsage.servedAfterFallback("req-p");
        store.writeBatch(List.of(new UsageRecord(r.createdAt(), r.requestId(), r.customerId(), r.task(), r.routePrimary(),
                r.model(), r.provider(), r.fallback(), r.attemptCount(), r.usage(), r.costUsd(), r.latencyMs(), r.ttftMs(),
                r.stream(), r.status(), r.errorClass(), r.tags(), r.apiKeyId(), r.attempts(), new Prices(2.0, 8.0, null))));

        assertThat(queries.findUsage("req-p")).hasValueSatisfying(row ->
                assertThat(row.prices()).isEqualTo(new Prices(2.0, 8.0, null)));
    }

    // ---- retention ----

    @Test
    void deleteOlderThan_oldRows_removesThemWithTheirAttemptsAndKeepsTheRest() {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("old-1"), SampleUsage.failedEverywhere("old-2"),
                SampleUsage.served("new-1", T0.plusSeconds(3_600), "chat", MINI, 1, 1, 0.1, 10)));

        int deleted = store.deleteOlderThan(T0.plusSeconds(2), RETENTION_BATCH);

        assertThat(deleted).isEqualTo(2);
        assertThat(queries.countUsageRows()).isEqualTo(1);
        assertThat(queries.countAttemptRows()).isEqualTo(1);
        assertThat(queries.findAttempts("old-1")).isEmpty();
        assertThat(queries.findUsage("new-1")).isPresent();
    }

    @Test
    void deleteOlderThan_rowExactlyAtCutoff_isKept() {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("at-cutoff")));

        assertThat(store.deleteOlderThan(T0, RETENTION_BATCH)).isZero();
        assertThat(queries.findUsage("at-cutoff")).isPresent();
    }

    @Test
    void deleteOlderThan_backlogLargerThanBatch_deletesOldestFirstOneBatchPerCall() {
        store.writeBatch(SampleUsage.bulk("b", 12)); // b<i> at T0 + i seconds
        Instant cutoff = T0.plusSeconds(10);         // b0..b9 are old

        assertThat(store.deleteOlderThan(cutoff, 4)).isEqualTo(4);
        assertThat(queries.findUsage("b3")).isEmpty();
        assertThat(queries.findUsage("b4")).isPresent();
        assertThat(store.deleteOlderThan(cutoff, 4)).isEqualTo(4);
        assertThat(store.deleteOlderThan(cutoff, 4)).isEqualTo(2);
        assertThat(store.deleteOlderThan(cutoff, 4)).isZero();
        assertThat(queries.countUsageRows()).isEqualTo(2);
        assertThat(queries.countAttemptRows()).isEqualTo(2);
    }

    @Test
    void deleteOlderThan_fullDefaultBatch_spansSeveralStatementsInOneCall() {
        store.writeBatch(SampleUsage.bulk("b", RETENTION_BATCH + 1_000));

        assertThat(store.deleteOlderThan(T0.plusSeconds(RETENTION_BATCH + 1_000), RETENTION_BATCH)).isEqualTo(RETENTION_BATCH);
        assertThat(queries.countUsageRows()).isEqualTo(1_000);
        assertThat(queries.countAttemptRows()).isEqualTo(1_000);
        assertThat(queries.findUsage("b" + RETENTION_BATCH)).isPresent();
    }

    // ---- summaries: a seeded set whose answers are worked out by hand in the comments ----

    private static final Instant DAY1 = Instant.parse("2025-03-14T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2025-03-15T01:00:00Z");
    private static final Instant SINCE = Instant.parse("2025-03-14T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2025-03-16T00:00:00Z");

    private void seed() {
        store.writeBatch(List.of(
                row("r0", DAY1.minusSeconds(86_400), "chat", MINI, 9_000, 900, 9.0, 9_000, UsageStatus.OK, false, Map.of()),
                row("r1", DAY1, "chat", MINI, 100, 10, 0.001, 100, UsageStatus.OK, false, Map.of("feature", "search")),
                row("r2", DAY1.plusSeconds(60), "chat", MINI, 200, 20, 0.002, 300, UsageStatus.OK, false, Map.of("feature", "search")),
                row("r3", DAY1.plusSeconds(120), "chat", HAIKU, 300, 30, null, 500, UsageStatus.OK, true, Map.of()),
                row("r4", DAY1.plusSeconds(180), "extract", MINI, 50, 5, 0.0005, 200, UsageStatus.ERROR, false, Map.of()),
                row("r5", DAY2, "chat", MINI, 400, 40, 0.004, 700, UsageStatus.OK, false, Map.of())));
    }

    @Test
    void summarize_byTask_matchesHandComputedTotals() {
        seed();

        // r0 is before SINCE. chat = r1,r2,r3,r5: latencies 100,300,500,700 -> p50 = 2nd = 300, p95 = 4th = 700
        assertThat(queries.summarize(List.of("task"), SINCE, UNTIL)).containsExactly(
                summary(Map.of("task", "chat"), 4, 1_000, 100, 0.007, 0, 1, 300, 700),
                summary(Map.of("task", "extract"), 1, 50, 5, 0.0005, 1, 0, 200, 200));
    }

    @Test
    void summarize_byTaskAndModel_splitsGroupsInKeyOrder() {
        seed();

        // chat+mini = r1,r2,r5: latencies 100,300,700 -> p50 = 2nd = 300, p95 = 3rd = 700; r3 has no price
        assertThat(queries.summarize(List.of("task", "model"), SINCE, UNTIL)).containsExactly(
                summary(keys("task", "chat", "model", HAIKU.toString()), 1, 300, 30, 0.0, 0, 1, 500, 500),
                summary(keys("task", "chat", "model", MINI.toString()), 3, 700, 70, 0.007, 0, 0, 300, 700),
                summary(keys("task", "extract", "model", MINI.toString()), 1, 50, 5, 0.0005, 1, 0, 200, 200));
    }

    @Test
    void summarize_byDayUntilExclusive_dropsRowsAtOrAfterUntil() {
        seed();

        // until = start of day 2, so r5 is out; r1..r4: latencies 100,200,300,500 -> p50 200, p95 500
        assertThat(queries.summarize(List.of("day"), SINCE, Instant.parse("2025-03-15T00:00:00Z"))).containsExactly(
                summary(Map.of("day", "2025-03-14"), 4, 650, 65, 0.0035, 1, 1, 200, 500));
    }

    @Test
    void summarize_byTag_groupsUntaggedRowsUnderNull() {
        seed();

        List<UsageSummaryRow> rows = queries.summarize(List.of("tag:feature"), SINCE, UNTIL);

        assertThat(rows).extracting(r -> r.keys().get("tag:feature"), UsageSummaryRow::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 3L), org.assertj.core.groups.Tuple.tuple("search", 2L));
    }

    @Test
    void summarize_noGroupNoBounds_oneRowOverEverything() {
        seed();

        assertThat(queries.summarize(List.of(), null, null)).singleElement().satisfies(r -> {
            assertThat(r.keys()).isEmpty();
            assertThat(r.requests()).isEqualTo(6);
            assertThat(r.inputTokens()).isEqualTo(10_050);
            assertThat(r.costUsd()).isEqualTo(9.0075);
        });
    }

    @Test
    void summarize_emptyLedger_noRows() {
        assertThat(queries.summarize(List.of("task"), null, null)).isEmpty();
    }

    private static UsageRecord row(String id, Instant at, String task, ModelId model, long in, long out, Double cost,
                                   long latencyMs, UsageStatus status, boolean fallback, Map<String, String> tags) {
        return new UsageRecord(at, id, "acme", task, MINI.toString(), model.toString(), model.provider(), fallback, 1,
                new Usage(in, out), cost, latencyMs, null, false, status, status == UsageStatus.OK ? null : "server_error",
                tags, null, List.of(new Attempt(0, model, Outcome.OK, 200, latencyMs, null, new Usage(in, out), cost)), null);
    }

    private static Map<String, String> keys(String k1, String v1, String k2, String v2) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(k1, v1);
        keys.put(k2, v2);
        return keys;
    }

    private static UsageSummaryRow summary(Map<String, String> keys, long requests, long in, long out, double cost,
                                           long errors, long fallbacks, long p50, long p95) {
        return new UsageSummaryRow(keys, requests, in, out, cost, errors, fallbacks, p50, p95);
    }

    @Test
    void keys_createThenFind_storesOnlyTheHashAndRoundTripsLimits() throws Exception {
        var keys = store.keys();
        var created = keys.create(new GatewayKeyStore.NewKey("svc-billing", new LimitSpec(60, 100_000L, 5.0, 100.0),
                java.util.Set.of("support_chat"), T0.plusSeconds(3600)), T0);

        assertThat(created.key()).startsWith(KeyHash.PREFIX).hasSizeGreaterThan(40);
        assertThat(keys.findByKey(created.key())).contains(created.stored());
        assertThat(keys.findByKey(created.key() + "x")).isEmpty();
        assertThat(created.stored().limits()).isEqualTo(new LimitSpec(60, 100_000L, 5.0, 100.0));
        assertThat(created.stored().allowsTask("support_chat")).isTrue();
        assertThat(created.stored().allowsTask("data_extraction")).isFalse();
        assertThat(created.stored().usableAt(T0.plusSeconds(3599))).isTrue();
        assertThat(created.stored().usableAt(T0.plusSeconds(3600))).isFalse();
        try (var c = java.sql.DriverManager.getConnection(url);
             var rs = c.createStatement().executeQuery("SELECT key_hash FROM gateway_keys")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(KeyHash.sha256(created.key())).doesNotContain(created.key());
        }
    }

    @Test
    void keys_revoke_makesTheKeyUnusableAndFreesTheName() {
        var keys = store.keys();
        var first = keys.create(new GatewayKeyStore.NewKey("svc", LimitSpec.NONE, java.util.Set.of(), null), T0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                keys.create(new GatewayKeyStore.NewKey("svc", LimitSpec.NONE, java.util.Set.of(), null), T0))
                .hasMessageContaining("live key named 'svc'");
        assertThat(keys.revoke("svc", T0.plusSeconds(1))).isTrue();
        assertThat(keys.revoke("svc", T0.plusSeconds(2))).isFalse();
        var second = keys.create(new GatewayKeyStore.NewKey("svc", LimitSpec.NONE, java.util.Set.of(), null), T0.plusSeconds(3));

        assertThat(keys.findByKey(first.key())).hasValueSatisfying(k -> assertThat(k.usableAt(T0.plusSeconds(5))).isFalse());
        assertThat(keys.findByKey(second.key())).hasValueSatisfying(k -> assertThat(k.usableAt(T0.plusSeconds(5))).isTrue());
        assertThat(keys.list()).extracting(GatewayKey::name).containsExactly("svc", "svc");
    }
}
