package dev.junction.ledger.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.catalog.Prices;
import dev.junction.runner.Attempt;
import dev.junction.usage.UsageRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link UsageRecord} maps onto {@code llm_usage} and {@code llm_attempt}: the column lists
 * and the binders, in one place so the order of columns and values cannot drift apart.
 */
final class UsageTables {

    /** One {@code llm_attempt} row: the attempt and the request it belongs to. */
    record AttemptOf(String requestId, Attempt attempt) {}

    static final List<String> USAGE_COLUMNS = List.of("created_at", "request_id", "customer_id", "task",
            "route_primary", "model", "provider", "fallback", "attempts", "input_tokens", "cached_input_tokens",
            "output_tokens", "reasoning_tokens", "cost_usd", "latency_ms", "ttft_ms", "stream", "status",
            "error_class", "tags", "api_key_id", "input_price_per_mtok", "output_price_per_mtok",
            "cached_input_price_per_mtok");

    static final List<String> ATTEMPT_COLUMNS = List.of("request_id", "ordinal", "model", "provider", "outcome",
            "http_status", "latency_ms", "input_tokens", "output_tokens", "cost_usd");

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageTables() {}

    static MultiRowInsert<UsageRecord> usageInsert(SqlDialect dialect) {
        List<String> placeholders = USAGE_COLUMNS.stream()
                .map(c -> c.equals("tags") ? dialect.tagsPlaceholder() : "?").toList();
        return new MultiRowInsert<>("llm_usage", USAGE_COLUMNS, placeholders, "request_id", dialect.rowByRowInserts(),
                (ps, i, r) -> bindUsage(dialect, ps, i, r));
    }

    static MultiRowInsert<AttemptOf> attemptInsert(SqlDialect dialect) {
        return new MultiRowInsert<>("llm_attempt", ATTEMPT_COLUMNS, Collections.nCopies(ATTEMPT_COLUMNS.size(), "?"),
                "request_id, ordinal", dialect.rowByRowInserts(), UsageTables::bindAttempt);
    }

    private static int bindUsage(SqlDialect dialect, PreparedStatement ps, int i, UsageRecord r) throws SQLException {
        dialect.bindInstant(ps, i++, r.createdAt());
        ps.setString(i++, r.requestId());
        ps.setString(i++, r.customerId());
        ps.setString(i++, r.task());
        ps.setString(i++, r.routePrimary());
        ps.setString(i++, r.model());
        ps.setString(i++, r.provider());
        ps.setBoolean(i++, r.fallback());
        ps.setInt(i++, r.attemptCount());
        ps.setLong(i++, r.usage().inputTokens());
        ps.setLong(i++, r.usage().cachedInputTokens());
        ps.setLong(i++, r.usage().outputTokens());
        ps.setLong(i++, r.usage().reasoningTokens());
        setDouble(ps, i++, r.costUsd());
        ps.setLong(i++, r.latencyMs());
        setLong(ps, i++, r.ttftMs());
        ps.setBoolean(i++, r.stream());
        ps.setString(i++, r.status().wireName());
        ps.setString(i++, r.errorClass());
        ps.setString(i++, tagsJson(r.tags()));
        ps.setString(i++, r.apiKeyId());
        Prices p = r.prices();
        setDouble(ps, i++, p == null ? null : p.inputPerMTok());
        setDouble(ps, i++, p == null ? null : p.outputPerMTok());
        setDouble(ps, i++, p == null ? null : p.cachedInputPerMTok());
        return i;
    }

    private static int bindAttempt(PreparedStatement ps, int i, AttemptOf row) throws SQLException {
        Attempt a = row.attempt();
        ps.setString(i++, row.requestId());
        ps.setInt(i++, a.ordinal());
        ps.setString(i++, a.model().toString());
        ps.setString(i++, a.provider());
        ps.setString(i++, a.outcome().ledgerName());
        ps.setInt(i++, a.httpStatus());
        ps.setLong(i++, a.latencyMs());
        ps.setLong(i++, a.usage().inputTokens());
        ps.setLong(i++, a.usage().outputTokens());
        setDouble(ps, i++, a.costUsd());
        return i;
    }

    /** Sorted keys, so the same tags always give the same text. */
    static String tagsJson(Map<String, String> tags) {
        if (tags.isEmpty()) return "{}"; // most rows: no map copy, no generator
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }
}
