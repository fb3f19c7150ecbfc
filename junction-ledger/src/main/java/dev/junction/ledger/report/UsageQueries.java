package dev.junction.ledger.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.catalog.Prices;
import dev.junction.ledger.store.SqlDialect;
import dev.junction.ledger.store.UsageStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads of the usage ledger: the summary behind {@code junction report} and the admin API, and
 * single-row lookups. Groups are aggregated in Java, so every dimension (a UTC day, a tag) works
 * the same on both stores and percentiles are exact; a report scans the rows of its time range.
 */
public final class UsageQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
    private static final String USAGE_COLUMNS = "created_at, request_id, customer_id, task, route_primary, model, "
            + "provider, fallback, attempts, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, "
            + "cost_usd, latency_ms, ttft_ms, stream, status, error_class, tags, api_key_id, input_price_per_mtok, "
            + "output_price_per_mtok, cached_input_price_per_mtok";
    private static final Comparator<List<String>> BY_VALUES = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    };

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public UsageQueries(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Requests, tokens, cost, errors, fallbacks and latency percentiles per group, for rows with
     * {@code since <= created_at < until}; either bound may be null (open). Rows come sorted by
     * their group values; with no group, one row covers everything (none when there are no rows).
     *
     * @param groupBy any of {@code task, model, provider, customer, day, status, tag:KEY}
     */
    public List<UsageSummaryRow> summarize(List<String> groupBy, Instant since, Instant until) {
        List<GroupKey> keys = groupBy.stream().map(GroupKey::parse).toList();
        Map<List<String>, SummaryAccumulator> groups = new HashMap<>();
        scanUsage(since, until, false, row -> {
            String[] values = new String[keys.size()];
            for (int k = 0; k < values.length; k++) values[k] = keys.get(k).valueOf(row);
            groups.computeIfAbsent(Arrays.asList(values), v -> new SummaryAccumulator()).add(row);
        });
        return groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(BY_VALUES))
                .map(e -> e.getValue().toRow(keys, e.getKey()))
                .toList();
    }

    /**
     * Hands every {@code llm_usage} row with {@code since <= created_at < until} to {@code sink}, in no
     * particular order, without holding them all in memory.
     *
     * @param fallbacksOnly only rows served by a model other than the route's first choice
     */
    void scanUsage(Instant since, Instant until, boolean fallbacksOnly, Consumer<UsageRow> sink) {
        String sql = "SELECT " + USAGE_COLUMNS + " FROM llm_usage WHERE 1 = 1" + range("created_at", since, until)
                + (fallbacksOnly ? " AND fallback = ?" : "");
        stream(sql, since, until, fallbacksOnly, rs -> sink.accept(usageRow(rs)));
    }

    /**
     * Hands every {@code llm_attempt} row of the requests created in the range to {@code sink}, grouped
     * by request and in attempt order within each request.
     *
     * @param fallbacksOnly only the attempts of requests flagged as fallbacks
     */
    void scanAttempts(Instant since, Instant until, boolean fallbacksOnly, Consumer<AttemptRow> sink) {
        String sql = "SELECT a.request_id, a.ordinal, a.model, a.provider, a.outcome, a.http_status, a.latency_ms, "
                + "a.input_tokens, a.output_tokens, a.cost_usd FROM llm_attempt a "
                + "JOIN llm_usage u ON u.request_id = a.request_id WHERE 1 = 1" + range("u.created_at", since, until)
                + (fallbacksOnly ? " AND u.fallback = ?" : "") + " ORDER BY a.request_id, a.ordinal";
        stream(sql, since, until, fallbacksOnly, rs -> sink.accept(attemptRow(rs)));
    }

    private static String range(String column, Instant since, Instant until) {
        return (since != null ? " AND " + column + " >= ?" : "") + (until != null ? " AND " + column + " < ?" : "");
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void stream(String sql, Instant since, Instant until, boolean fallbacksOnly, RowHandler handler) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1_000);
                int i = 1;
                if (since != null) dialect.bindInstant(ps, i++, since);
                if (until != null) dialect.bindInstant(ps, i++, until);
                if (fallbacksOnly) ps.setBoolean(i, true);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) handler.handle(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UsageStoreException("cannot read the usage ledger: " + e.getMessage(), e);
        }
    }

    public Optional<UsageRow> findUsage(String requestId) {
        return query("SELECT " + USAGE_COLUMNS + " FROM llm_usage WHERE request_id = ?", requestId, this::usageRow)
                .stream().findFirst();
    }

    /** The attempts of one request in the order they were made. */
    public List<AttemptRow> findAttempts(String requestId) {
        return query("SELECT request_id, ordinal, model, provider, outcome, http_status, latency_ms, input_tokens, "
                + "output_tokens, cost_usd FROM llm_attempt WHERE request_id = ? ORDER BY ordinal", requestId,
                UsageQueries::attemptRow);
    }

    public long countUsageRows() { return count("llm_usage"); }

    public long countAttemptRows() { return count("llm_attempt"); }

    private long count(String table) {
        return query("SELECT COUNT(*) AS n FROM " + table, null, rs -> rs.getLong("n")).getFirst();
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, String parameter, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) ps.setString(1, parameter);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new UsageStoreException("cannot read usage: " + e.getMessage(), e);
        }
    }

    private static AttemptRow attemptRow(ResultSet rs) throws SQLException {
        return new AttemptRow(rs.getString("request_id"), rs.getInt("ordinal"), rs.getString("model"),
                rs.getString("provider"), rs.getString("outcome"), rs.getInt("http_status"), rs.getLong("latency_ms"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), nullableDouble(rs, "cost_usd"));
    }

    private UsageRow usageRow(ResultSet rs) throws SQLException {
        return new UsageRow(dialect.readInstant(rs, "created_at"), rs.getString("request_id"),
                rs.getString("customer_id"), rs.getString("task"), rs.getString("route_primary"),
                rs.getString("model"), rs.getString("provider"), rs.getBoolean("fallback"), rs.getInt("attempts"),
                rs.getLong("input_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("reasoning_tokens"), nullableDouble(rs, "cost_usd"), rs.getLong("latency_ms"),
                nullableLong(rs, "ttft_ms"), rs.getBoolean("stream"), rs.getString("status"),
                rs.getString("error_class"), tags(rs.getString("tags")), rs.getString("api_key_id"), prices(rs));
    }

    /** Null unless both the input and the output price were stored (they are written together). */
    private static Prices prices(ResultSet rs) throws SQLException {
        Double input = nullableDouble(rs, "input_price_per_mtok");
        Double output = nullableDouble(rs, "output_price_per_mtok");
        if (input == null || output == null) return null;
        return new Prices(input, output, nullableDouble(rs, "cached_input_price_per_mtok"));
    }

    private static Map<String, String> tags(String json) throws SQLException {
        if (json == null || json.isEmpty()) return Map.of();
        try {
            return Map.copyOf(JSON.readValue(json, TAGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("llm_usage.tags is not a JSON object of strings", e);
        }
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
