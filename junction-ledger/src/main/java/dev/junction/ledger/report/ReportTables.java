package dev.junction.ledger.report;

import static dev.junction.ledger.report.ReportTable.Kind.COUNT;
import static dev.junction.ledger.report.ReportTable.Kind.COUNTS;
import static dev.junction.ledger.report.ReportTable.Kind.MILLIS;
import static dev.junction.ledger.report.ReportTable.Kind.RATIO;
import static dev.junction.ledger.report.ReportTable.Kind.TEXT;
import static dev.junction.ledger.report.ReportTable.Kind.USD;

import dev.junction.ledger.report.ReportTable.Column;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link ReportQuery} and lays the answer out as a {@link ReportTable}. The column names are
 * the public ones of the admin API ({@code requests}, {@code costUsd}, {@code p95LatencyMs}, ...).
 */
public final class ReportTables {
    private static final List<Column> SUMMARY_COLUMNS = List.of(new Column("requests", COUNT),
            new Column("inputTokens", COUNT), new Column("outputTokens", COUNT), new Column("costUsd", USD),
            new Column("errors", COUNT), new Column("fallbacks", COUNT), new Column("p50LatencyMs", MILLIS),
            new Column("p95LatencyMs", MILLIS));

    private ReportTables() {}

    public static ReportTable run(UsageReports reports, ReportQuery q) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("view", q.view().wireName());
        header.put("since", q.since());
        header.put("until", q.until());
        return switch (q.view()) {
            case SUMMARY -> summary(header, q.groupBy(), reports.queries().summarize(q.groupBy(), q.since(), q.until()));
            case FALLBACKS -> fallbacks(header, reports.fallbacks(q.since(), q.until()));
            case ERRORS -> errors(header, reports.errors(q.since(), q.until()));
            case LATENCY -> latency(header, reports.latency(q.since(), q.until()));
            case TOP_CUSTOMERS -> top(header, "customer", reports.topCustomers(q.since(), q.until(), q.limit()));
            case TOP_PROMPTS -> top(header, "prompt", reports.topPrompts(q.since(), q.until(), q.limit()));
            case COST_CHANGE -> costChange(header, q.since(), q.until(), reports.costChange(q.since(), q.until()));
        };
    }

    /** {@code {"groupBy":[...], "rows":[{...group keys, "requests", ...}]}}, the admin API's usage shape. */
    static ReportTable summary(Map<String, Object> header, List<String> groupBy, List<UsageSummaryRow> rows) {
        header.put("groupBy", groupBy);
        List<Column> columns = new ArrayList<>();
        for (String g : groupBy) columns.add(new Column(GroupKey.parse(g).label(), TEXT));
        columns.addAll(SUMMARY_COLUMNS);
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (UsageSummaryRow r : rows) {
            List<Object> v = new ArrayList<>(r.keys().values());
            v.addAll(Arrays.asList(r.requests(), r.inputTokens(), r.outputTokens(), r.costUsd(), r.errors(),
                    r.fallbacks(), r.p50LatencyMs(), r.p95LatencyMs()));
            values.add(v);
        }
        return new ReportTable(header, columns, values);
    }

    static ReportTable fallbacks(Map<String, Object> header, List<FallbackRow> rows) {
        return new ReportTable(header, List.of(new Column("task", TEXT), new Column("requests", COUNT),
                new Column("fallbacks", COUNT), new Column("fallbackRate", RATIO), new Column("causes", COUNTS)),
                rows.stream().map(r -> List.<Object>of(text(r.task()), r.requests(), r.fallbacks(), r.fallbackRate(),
                        r.causes())).toList());
    }

    static ReportTable errors(Map<String, Object> header, List<ErrorRow> rows) {
        return new ReportTable(header, List.of(new Column("model", TEXT), new Column("attempts", COUNT),
                new Column("errors", COUNT), new Column("errorRate", RATIO), new Column("errorClasses", COUNTS)),
                rows.stream().map(r -> List.<Object>of(r.model(), r.attempts(), r.errors(), r.errorRate(), r.classes()))
                        .toList());
    }

    static ReportTable latency(Map<String, Object> header, List<LatencyRow> rows) {
        return new ReportTable(header, List.of(new Column("model", TEXT), new Column("requests", COUNT),
                new Column("p50LatencyMs", MILLIS), new Column("p95LatencyMs", MILLIS), new Column("p99LatencyMs", MILLIS),
                new Column("streams", COUNT), new Column("p50TtftMs", MILLIS), new Column("p95TtftMs", MILLIS)),
                rows.stream().map(r -> Arrays.<Object>asList(r.model(), r.requests(), r.p50LatencyMs(), r.p95LatencyMs(),
                        r.p99LatencyMs(), r.streams(), r.p50TtftMs(), r.p95TtftMs())).toList());
    }

    static ReportTable top(Map<String, Object> header, String keyName, List<TopRow> rows) {
        return new ReportTable(header, List.of(new Column(keyName, TEXT), new Column("requests", COUNT),
                new Column("inputTokens", COUNT), new Column("outputTokens", COUNT), new Column("costUsd", USD),
                new Column("shareOfCost", RATIO)),
                rows.stream().map(r -> List.<Object>of(r.key(), r.requests(), r.inputTokens(), r.outputTokens(),
                        r.costUsd(), r.shareOfCost())).toList());
    }

    static ReportTable costChange(Map<String, Object> header, Instant since, Instant until, List<CostChangeRow> rows) {
        double previous = 0, current = 0;
        for (CostChangeRow r : rows) {
            previous += r.previousCostUsd();
            current += r.currentCostUsd();
        }
        header.put("previousSince", since.minus(Duration.between(since, until)));
        header.put("previousUntil", since);
        header.put("previousCostUsd", CostChange.usd(previous));
        header.put("currentCostUsd", CostChange.usd(current));
        header.put("deltaUsd", CostChange.usd(current - previous));
        return new ReportTable(header, List.of(new Column("task", TEXT), new Column("model", TEXT),
                new Column("previousRequests", COUNT), new Column("currentRequests", COUNT),
                new Column("previousCostUsd", USD), new Column("currentCostUsd", USD), new Column("deltaUsd", USD),
                new Column("requestsEffectUsd", USD), new Column("tokensEffectUsd", USD),
                new Column("priceEffectUsd", USD), new Column("driver", TEXT)),
                rows.stream().map(r -> Arrays.<Object>asList(r.task(), r.model(), r.previousRequests(),
                        r.currentRequests(), r.previousCostUsd(), r.currentCostUsd(), r.deltaUsd(), r.requestsEffectUsd(),
                        r.tokensEffectUsd(), r.priceEffectUsd(), r.driver().wireName())).toList());
    }

    /** {@code List.of} refuses nulls; a row without a task shows as empty text. */
    private static String text(String s) { return s == null ? "" : s; }
}
