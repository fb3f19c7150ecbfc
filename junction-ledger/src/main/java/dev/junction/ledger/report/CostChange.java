package dev.junction.ledger.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change in cost between two periods, per task and model, split into what caused it.
 *
 * <h2>The decomposition</h2>
 * For one task on one model, with {@code n} requests costing {@code c} each on average (so
 * {@code C = n * c}), subscript 0 the previous period and 1 the current one:
 * <pre>
 *   C1 - C0 = (n1 - n0) * c0   +   (c1 - c0) * n1
 *             requests effect      cost-per-request effect
 * </pre>
 * The first term is what the change in volume alone would have cost at the old cost per request;
 * the second is what the change in cost per request did to the new volume. Expanding shows they add
 * up to the delta exactly ({@code n1 c0 - n0 c0 + n1 c1 - n1 c0}), with no residue to explain.
 *
 * <p>The cost per request is tokens per request {@code t} times cost per token {@code p}, and its
 * effect splits the same way:
 * <pre>
 *   (c1 - c0) * n1 = (t1 - t0) * p0 * n1   +   (p1 - p0) * t1 * n1
 *                    tokens effect             price effect
 * </pre>
 * The price effect is a change in the price list, or a different mix of input, cached input and
 * output tokens (which are priced differently). When a period has no tokens, its cost per token is
 * unknown and taken equal to the other period's, so the whole per-request change counts as tokens.
 *
 * <p>A model that a task did not use in one of the periods has no cost per request to compare: it is
 * reported as {@link CostDriver#MODEL_ADDED} or {@link CostDriver#MODEL_DROPPED} (the task's model mix
 * changed), with the whole delta in the requests effect. Otherwise the driver is the largest of the
 * three effects.
 */
public final class CostChange {
    private static final double EPSILON_USD = 1e-10;

    private record Key(String task, String model) {}

    /** Running totals of one task and model in one period. */
    private static final class Totals {
        long requests;
        long tokens;
        double costUsd;
    }

    private final Map<Key, Totals[]> groups = new HashMap<>();

    /** Counts one row of the previous ({@code current = false}) or the current period. */
    void add(UsageRow row, boolean current) {
        Totals[] both = groups.computeIfAbsent(new Key(row.task(), row.model()), k -> new Totals[] {new Totals(), new Totals()});
        Totals t = both[current ? 1 : 0];
        t.requests++;
        t.tokens += row.inputTokens() + row.outputTokens();
        if (row.costUsd() != null) t.costUsd += row.costUsd();
    }

    /** One row per task and model seen in either period, the largest change (either way) first. */
    List<CostChangeRow> rows() {
        List<CostChangeRow> rows = new ArrayList<>(groups.size());
        groups.forEach((k, t) -> rows.add(compare(k.task(), k.model(), t[0].requests, t[0].tokens, t[0].costUsd,
                t[1].requests, t[1].tokens, t[1].costUsd)));
        rows.sort(Comparator.comparingDouble((CostChangeRow r) -> -Math.abs(r.deltaUsd()))
                .thenComparing(CostChangeRow::task, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(CostChangeRow::model, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    /** The decomposition of the class comment for one task and model. */
    static CostChangeRow compare(String task, String model, long n0, long tokens0, double cost0,
                                 long n1, long tokens1, double cost1) {
        double delta = cost1 - cost0;
        if (n0 == 0 || n1 == 0) {
            CostDriver driver = Math.abs(delta) < EPSILON_USD ? CostDriver.UNCHANGED
                    : n0 == 0 ? CostDriver.MODEL_ADDED : CostDriver.MODEL_DROPPED;
            return row(task, model, n0, n1, cost0, cost1, delta, 0, 0, driver);
        }
        double c0 = cost0 / n0;
        double c1 = cost1 / n1;
        double requestsEffect = (n1 - n0) * c0;
        double t0 = (double) tokens0 / n0;
        double t1 = (double) tokens1 / n1;
        double p0 = tokens0 == 0 ? (tokens1 == 0 ? 0 : cost1 / tokens1) : cost0 / tokens0;
        double p1 = tokens1 == 0 ? p0 : cost1 / tokens1;
        double tokensEffect = (t1 - t0) * p0 * n1;
        double priceEffect = (p1 - p0) * t1 * n1;
        if (tokens0 == 0 && tokens1 == 0) tokensEffect = (c1 - c0) * n1; // no tokens at all: nothing to split
        CostDriver driver = driver(delta, requestsEffect, tokensEffect, priceEffect);
        return row(task, model, n0, n1, cost0, cost1, requestsEffect, tokensEffect, priceEffect, driver);
    }

    private static CostDriver driver(double delta, double requests, double tokens, double price) {
        if (Math.abs(delta) < EPSILON_USD) return CostDriver.UNCHANGED;
        double r = Math.abs(requests), t = Math.abs(tokens), p = Math.abs(price);
        if (r >= t && r >= p) return CostDriver.REQUESTS;
        return t >= p ? CostDriver.TOKENS_PER_REQUEST : CostDriver.PRICE;
    }

    private static CostChangeRow row(String task, String model, long n0, long n1, double cost0, double cost1,
                                     double requestsEffect, double tokensEffect, double priceEffect, CostDriver driver) {
        return new CostChangeRow(task, model, n0, n1, usd(cost0), usd(cost1), usd(cost1 - cost0), usd(requestsEffect),
                usd(tokensEffect), usd(priceEffect), driver);
    }

    /** Sums of many doubles drift in the last digits; 1e-10 USD is the precision of a cost. */
    static double usd(double v) {
        double r = Math.round(v * 1e10) / 1e10;
        return r == 0 ? 0 : r; // no -0.0 in reports
    }
}
