package dev.junction.ledger.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reliability and spend reports over the ledger: fallbacks per route, errors per model, latency
 * per model, top customers and prompts, and the change in cost between two periods. Each scans the
 * rows of its period once and aggregates in Java, as {@link UsageQueries#summarize} does, so both
 * stores give the same answers. Every range is {@code since <= created_at < until}; a null bound is open.
 */
public final class UsageReports {
    /** The tag that names a prompt version ({@code X-Junction-Tags: prompt=v3}). */
    public static final String PROMPT_TAG = "prompt";

    private final UsageQueries queries;

    public UsageReports(UsageQueries queries) { this.queries = queries; }

    public UsageQueries queries() { return queries; }

    /**
     * Per route (task): requests, fallbacks and their causes. The cause of a fallback is the outcome of
     * the attempt just before the serving one (the one that ended {@code ok}; for a request that no
     * model served, its last attempt), which may be a skip such as {@code skipped:circuit-open}.
     */
    public List<FallbackRow> fallbacks(Instant since, Instant until) {
        Map<String, long[]> counts = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<String, String> taskOf = new HashMap<>();
        queries.scanUsage(since, until, false, row -> {
            long[] c = counts.computeIfAbsent(row.task(), t -> new long[2]);
            c[0]++;
            if (row.fallback()) {
                c[1]++;
                taskOf.put(row.requestId(), row.task());
            }
        });
        Map<String, Map<String, Long>> causes = new HashMap<>();
        List<AttemptRow> current = new ArrayList<>();
        Runnable flush = () -> {
            if (current.isEmpty()) return;
            String id = current.getFirst().requestId();
            // a row written between the two scans (a journal replay) has no count yet: leave it for next time
            if (taskOf.containsKey(id)) {
                causes.computeIfAbsent(taskOf.get(id), t -> new HashMap<>()).merge(fallbackCause(current), 1L, Long::sum);
            }
            current.clear();
        };
        queries.scanAttempts(since, until, true, a -> {
            if (!current.isEmpty() && !current.getFirst().requestId().equals(a.requestId())) flush.run();
            current.add(a);
        });
        flush.run();
        List<FallbackRow> rows = new ArrayList<>(counts.size());
        counts.forEach((task, c) -> rows.add(new FallbackRow(task, c[0], c[1], ratio(c[1], c[0]),
                mostFrequentFirst(causes.getOrDefault(task, Map.of())))));
        return rows;
    }

    /** The outcome of the attempt before the serving one; attempts are in ordinal order. */
    static String fallbackCause(List<AttemptRow> attempts) {
        int serving = attempts.size() - 1;
        for (int i = 0; i < attempts.size(); i++) {
            if ("ok".equals(attempts.get(i).outcome())) serving = i;
        }
        return serving > 0 ? attempts.get(serving - 1).outcome() : "unknown";
    }

    /** Per model: upstream calls, errors and their classes, from {@code llm_attempt}. */
    public List<ErrorRow> errors(Instant since, Instant until) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, Long>> classes = new HashMap<>();
        queries.scanAttempts(since, until, false, a -> {
            String outcome = a.outcome();
            if (outcome.startsWith("skipped:")) return; // a skip is not a call
            long[] c = counts.computeIfAbsent(a.model(), m -> new long[2]);
            c[0]++;
            if (outcome.equals("ok") || outcome.equals("cancelled")) return;
            c[1]++;
            classes.computeIfAbsent(a.model(), m -> new HashMap<>()).merge(outcome, 1L, Long::sum);
        });
        List<ErrorRow> rows = new ArrayList<>(counts.size());
        counts.forEach((model, c) -> rows.add(new ErrorRow(model, c[0], c[1], ratio(c[1], c[0]),
                mostFrequentFirst(classes.getOrDefault(model, Map.of())))));
        return rows;
    }

    /** Per served model: latency p50/p95/p99 and, over streamed requests, time-to-first-token p50/p95. */
    public List<LatencyRow> latency(Instant since, Instant until) {
        Map<String, Samples[]> byModel = new TreeMap<>();
        queries.scanUsage(since, until, false, row -> {
            if (!"ok".equals(row.status()) || row.model() == null) return;
            Samples[] s = byModel.computeIfAbsent(row.model(), m -> new Samples[] {new Samples(), new Samples()});
            s[0].add(row.latencyMs());
            if (row.ttftMs() != null) s[1].add(row.ttftMs());
        });
        List<LatencyRow> rows = new ArrayList<>(byModel.size());
        byModel.forEach((model, s) -> {
            long[] latency = s[0].sorted();
            long[] ttft = s[1].sorted();
            rows.add(new LatencyRow(model, latency.length, pct(latency, 50), pct(latency, 95), pct(latency, 99),
                    ttft.length, ttft.length == 0 ? null : pct(ttft, 50), ttft.length == 0 ? null : pct(ttft, 95)));
        });
        return rows;
    }

    /** The customers that cost the most, at most {@code limit}; rows without a customer id are left out. */
    public List<TopRow> topCustomers(Instant since, Instant until, int limit) {
        return top(since, until, limit, UsageRow::customerId);
    }

    /** The prompt versions (the {@code prompt} tag) that cost the most; untagged rows are left out. */
    public List<TopRow> topPrompts(Instant since, Instant until, int limit) {
        return top(since, until, limit, row -> row.tags().get(PROMPT_TAG));
    }

    private List<TopRow> top(Instant since, Instant until, int limit, Function<UsageRow, String> keyOf) {
        Map<String, double[]> byKey = new HashMap<>(); // requests, input, output, cost
        double[] total = new double[1];
        queries.scanUsage(since, until, false, row -> {
            double cost = row.costUsd() == null ? 0 : row.costUsd();
            total[0] += cost;
            String key = keyOf.apply(row);
            if (key == null) return;
            double[] t = byKey.computeIfAbsent(key, k -> new double[4]);
            t[0]++;
            t[1] += row.inputTokens();
            t[2] += row.outputTokens();
            t[3] += cost;
        });
        return byKey.entrySet().stream()
                .map(e -> {
                    double[] t = e.getValue();
                    return new TopRow(e.getKey(), (long) t[0], (long) t[1], (long) t[2], CostChange.usd(t[3]),
                            total[0] == 0 ? 0 : t[3] / total[0]);
                })
                .sorted(Comparator.comparingDouble(TopRow::costUsd).reversed()
                        .thenComparing(Comparator.comparingLong(TopRow::requests).reversed())
                        .thenComparing(TopRow::key))
                .limit(limit)
                .toList();
    }

    /**
     * The cost of {@code [since, until)} against the period of the same length just before it, per task
     * and model, with the delta split as {@link CostChange} explains.
     */
    public List<CostChangeRow> costChange(Instant since, Instant until) {
        Instant previousSince = since.minus(java.time.Duration.between(since, until));
        CostChange change = new CostChange();
        queries.scanUsage(previousSince, until, false, row -> change.add(row, !row.createdAt().isBefore(since)));
        return change.rows();
    }

    private static double ratio(long part, long whole) { return whole == 0 ? 0 : (double) part / whole; }

    private static long pct(long[] sorted, int p) { return SummaryAccumulator.percentile(sorted, p); }

    private static Map<String, Long> mostFrequentFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A growable array of millisecond samples. */
    private static final class Samples {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(values, size);
            Arrays.sort(s);
            return s;
        }
    }
}
