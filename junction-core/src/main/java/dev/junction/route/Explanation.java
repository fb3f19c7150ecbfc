package dev.junction.route;

import dev.junction.config.ConfigDefaults;
import dev.junction.health.HealthRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code junction explain} and {@code POST /v1/junction/explain} show: the plan a request would
 * get, in order, with why each candidate would be tried or skipped and the time each would have. Built
 * from the same {@link CandidatePlanner} the runner uses; no provider is called.
 *
 * @param budgetMs the most the attempt could take if every earlier candidate used its whole share
 *                 (null for skipped candidates)
 */
public record Explanation(String task, long inputTokens, Integer maxLatencyMs, List<Line> candidates) {

    public record Line(String model, String provider, String decision, String reason, Long budgetMs, String circuit) {}

    public static Explanation of(Plan plan, HealthRegistry health) {
        Route route = plan.route();
        List<Plan.Candidate> tries = plan.entries().stream().filter(e -> e instanceof Plan.Candidate).map(e -> (Plan.Candidate) e).toList();
        long remaining = route.maxLatencyMs() == null ? -1 : route.maxLatencyMs();
        int triesLeft = tries.size();
        List<Line> lines = new ArrayList<>();
        for (Plan.Entry e : plan.entries()) {
            String circuit = health.view(e.model()).state().wireName();
            switch (e) {
                case Plan.Skip s -> lines.add(new Line(s.model().toString(), s.model().provider(), "skip",
                        s.reason().wireName() + ": " + s.why(), null, circuit));
                case Plan.Candidate c -> {
                    long budget = budget(c, remaining, triesLeft);
                    if (remaining >= 0) remaining = Math.max(0, remaining - budget);
                    triesLeft--;
                    String why = lines.isEmpty() && c == tries.getFirst() ? "first choice" : "fallback if the earlier candidates fail";
                    lines.add(new Line(c.model().toString(), c.model().provider(), "try", why, budget, circuit));
                }
            }
        }
        return new Explanation(route.name(), plan.inputTokens(), route.maxLatencyMs(), lines);
    }

    /** The same arithmetic as {@code Deadline.attemptTimeout}, assuming each earlier attempt used its whole share. */
    private static long budget(Plan.Candidate c, long remaining, int triesLeft) {
        Integer modelTimeout = c.info().timeoutMs() != null ? c.info().timeoutMs() : c.provider().timeoutMs();
        if (remaining < 0) return modelTimeout != null ? modelTimeout : ConfigDefaults.ATTEMPT_TIMEOUT.toMillis();
        if (modelTimeout != null) return Math.min(modelTimeout, remaining);
        return triesLeft <= 1 ? remaining : remaining / triesLeft;
    }
}
