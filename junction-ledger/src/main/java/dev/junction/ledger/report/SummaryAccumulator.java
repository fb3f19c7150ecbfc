package dev.junction.ledger.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running totals of one group; latencies are kept to compute percentiles at the end. */
final class SummaryAccumulator {
    private long requests;
    private long inputTokens;
    private long outputTokens;
    private double costUsd;
    private long errors;
    private long fallbacks;
    private long[] latencies = new long[16];

    void add(UsageRow row) {
        if (requests == latencies.length) latencies = Arrays.copyOf(latencies, latencies.length * 2);
        latencies[(int) requests++] = row.latencyMs();
        inputTokens += row.inputTokens();
        outputTokens += row.outputTokens();
        if (row.costUsd() != null) costUsd += row.costUsd();
        if ("error".equals(row.status()) || "interrupted".equals(row.status())) errors++;
        if (row.fallback()) fallbacks++;
    }

    UsageSummaryRow toRow(List<GroupKey> groupBy, List<String> values) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) keys.put(groupBy.get(i).label(), values.get(i));
        long[] sorted = Arrays.copyOf(latencies, (int) requests);
        Arrays.sort(sorted);
        // sums of many doubles drift in the last digits; 1e-10 USD is the precision of a cost
        double cost = Math.round(costUsd * 1e10) / 1e10;
        return new UsageSummaryRow(keys, requests, inputTokens, outputTokens, cost, errors, fallbacks,
                percentile(sorted, 50), percentile(sorted, 95));
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
