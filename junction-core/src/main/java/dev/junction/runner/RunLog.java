package dev.junction.runner;

import dev.junction.GenerateResult;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.JunctionException;
import dev.junction.error.JunctionException.UpstreamFailed.Cause;
import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.model.ChatResult;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.route.Plan;
import dev.junction.route.Route;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The record of one request's run: numbers the attempts, tells the listener about each, and turns the
 * end of the run (an answer, a stop, or no candidate left) into the caller's result or error plus the
 * one usage row. Every way out of the runner goes through exactly one of {@link #result},
 * {@link #stopped}, {@link #exhausted} or {@link #cancelled}, so {@code requestEnd} fires exactly once.
 */
final class RunLog {
    private final RequestInfo info;
    private final Plan plan;
    private final AttemptListener listener;
    private final InstantSource clock;
    private final List<Attempt> attempts = new ArrayList<>();
    private int lastOrdinal; // numbers handed out so far: hedged calls are numbered when they start, recorded when they end
    private Long requestTtftMs; // streams: from the request's start to the first content event
    private java.time.Instant earliestCooldownEnd; // when a cooling-down candidate may be called again

    RunLog(RequestInfo info, Plan plan, AttemptListener listener, InstantSource clock) {
        this.info = info;
        this.plan = plan;
        this.listener = listener;
        this.clock = clock;
    }

    /** A skipped candidate is cooling down until {@code until}: the caller may be told to wait that long. */
    void noteWait(java.time.Instant until) {
        if (until != null && (earliestCooldownEnd == null || until.isBefore(earliestCooldownEnd))) earliestCooldownEnd = until;
    }

    void skipped(ModelId model, SkipReason reason) {
        Attempt a = Attempt.skipped(++lastOrdinal, model, reason);
        attempts.add(a);
        listener.candidateSkipped(info, a);
    }

    /** Announces a call and returns its ordinal. */
    int attemptStart(ModelId model) {
        int ordinal = ++lastOrdinal;
        listener.attemptStart(info, ordinal, model);
        return ordinal;
    }

    void succeeded(int ordinal, ModelId model, int status, long latencyMs, Long ttftMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, Outcome.OK, status, latencyMs, ttftMs, usage, cost));
    }

    /** A hedged call that lost the race and was cancelled. */
    void cancelledAttempt(int ordinal, ModelId model, long latencyMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, Outcome.CANCELLED, 0, latencyMs, null, usage == null ? Usage.ZERO : usage, cost));
    }

    Route route() { return plan.route(); }

    Plan plan() { return plan; }

    void failed(int ordinal, ModelId model, Failure failure, long latencyMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, new Outcome.Failed(failure), failure.httpStatus(), latencyMs, null,
                usage == null ? Usage.ZERO : usage, cost));
    }

    private void add(Attempt a) {
        attempts.add(a);
        listener.attemptEnd(info, a);
    }

    GenerateResult result(ChatResult result, ModelId served, Deadline deadline) {
        long latency = deadline.elapsedMs();
        boolean fallback = !served.equals(firstChoice());
        Usage usage = totalUsage();
        Double cost = totalCost();
        end(UsageStatus.OK, null, served, fallback, usage, cost, latency);
        return new GenerateResult(info.requestId(), info.task(), result, served, fallback, attempts, usage, cost, latency);
    }

    // ---- streams: the serving attempt ends after the runner has returned ----

    void firstToken(int ordinal, long attemptTtftMs) {
        requestTtftMs = java.time.Duration.between(info.startedAt(), clock.instant()).toMillis();
        listener.firstToken(info, ordinal, attemptTtftMs);
    }

    void streamFinished(int ordinal, ModelId model, long latencyMs, long ttftMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, Outcome.OK, 200, latencyMs, ttftMs, usage, cost));
        end(UsageStatus.OK, null, model, isFallback(model), totalUsage(), totalCost(), elapsedMs(), requestTtftMs);
    }

    void streamCancelled(int ordinal, ModelId model, long latencyMs, long ttftMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, Outcome.CANCELLED, 200, latencyMs, ttftMs, usage, cost));
        end(UsageStatus.CANCELLED, "cancelled", model, isFallback(model), totalUsage(), totalCost(), elapsedMs(), requestTtftMs);
    }

    JunctionException streamInterrupted(int ordinal, ModelId model, Failure failure, long latencyMs, long ttftMs, Usage usage, Double cost) {
        add(new Attempt(ordinal, model, new Outcome.Interrupted(failure), 200, latencyMs, ttftMs, usage, cost));
        end(UsageStatus.INTERRUPTED, failure.errorClass().wireName(), model, isFallback(model), totalUsage(), totalCost(),
                elapsedMs(), requestTtftMs);
        return new JunctionException.StreamInterrupted(failure, attempts);
    }

    /** A collected stream as a complete result (the row was written when the stream ended). */
    GenerateResult collected(ChatResult result, ModelId served) {
        return new GenerateResult(info.requestId(), info.task(), result, served, isFallback(served), attempts, totalUsage(),
                totalCost(), elapsedMs());
    }

    String requestId() { return info.requestId(); }

    String task() { return info.task(); }

    boolean isFallback(ModelId served) { return !served.equals(firstChoice()); }

    int calledCount() { return (int) attempts.stream().filter(Attempt::called).count(); }

    List<Attempt> attempts() { return List.copyOf(attempts); }

    private long elapsedMs() { return java.time.Duration.between(info.startedAt(), clock.instant()).toMillis(); }

    /** The policy stopped the run on {@code failure}: the caller gets it now. */
    JunctionException stopped(Failure failure) {
        ErrorClass c = failure.effectiveClass();
        String upstream = "upstream " + lastCalled() + " answered " + describe(failure);
        JunctionException e = switch (c) {
            case INVALID_REQUEST -> new JunctionException.InvalidRequest(upstream, null, attempts);
            case CONTENT_REFUSED -> new JunctionException.Refused(upstream, attempts);
            case CONTEXT_TOO_LONG -> new JunctionException.InvalidRequest(upstream, "messages", "context_length_exceeded", attempts);
            case TIMEOUT -> new JunctionException.UpstreamFailed(Cause.DEADLINE, c, null, upstream, attempts);
            case RATE_LIMITED -> new JunctionException.UpstreamFailed(Cause.RATE_LIMITED, c, failure.retryAfter(), upstream, attempts);
            default -> new JunctionException.UpstreamFailed(Cause.FAILED, c, null, upstream, attempts);
        };
        return fail(e);
    }

    /** The loop ran out of candidates (or of time). */
    JunctionException exhausted(Deadline deadline) {
        List<Attempt> called = attempts.stream().filter(Attempt::called).toList();
        if (called.isEmpty()) {
            boolean callerShaped = attempts.stream().allMatch(a -> a.outcome() instanceof Outcome.Skipped s
                    && (s.reason() == SkipReason.CONTEXT_TOO_SMALL || s.reason() == SkipReason.CAPABILITY_MISSING));
            String why = "no candidate can serve this request: " + skipReasons();
            if (callerShaped && !attempts.isEmpty()) return fail(new JunctionException.NoCandidate(why, attempts));
            // Rate limits are cooling the models down: the caller should come back when the first ends.
            boolean coolingOnly = attempts.stream().anyMatch(a -> a.outcome() instanceof Outcome.Skipped s && s.reason() == SkipReason.COOLING_DOWN);
            if (coolingOnly) {
                Duration wait = earliestCooldownEnd == null ? null : Duration.between(clock.instant(), earliestCooldownEnd);
                return fail(new JunctionException.UpstreamFailed(Cause.RATE_LIMITED, ErrorClass.RATE_LIMITED,
                        wait == null || wait.isNegative() ? null : wait, why, attempts));
            }
            return fail(new JunctionException.UpstreamFailed(Cause.FAILED, null, null, why, attempts));
        }
        String tried = "all candidates failed: " + describeAttempts();
        if (deadline.bounded() && deadline.expired()) {
            return fail(new JunctionException.UpstreamFailed(Cause.DEADLINE, ErrorClass.TIMEOUT, null,
                    "route '" + plan.route().name() + "' spent its maxLatencyMs of " + plan.route().maxLatencyMs()
                            + " ms; " + tried, attempts));
        }
        Failure last = ((Outcome.Failed) called.getLast().outcome()).failure();
        if (last.effectiveClass() == ErrorClass.CONTEXT_TOO_LONG) {
            return fail(new JunctionException.InvalidRequest("the prompt does not fit any candidate's context window; " + tried,
                    "messages", "context_length_exceeded", attempts));
        }
        boolean allRateLimited = called.stream().allMatch(a -> a.outcome() instanceof Outcome.Failed f
                && f.failure().effectiveClass() == ErrorClass.RATE_LIMITED);
        if (allRateLimited) {
            return fail(new JunctionException.UpstreamFailed(Cause.RATE_LIMITED, ErrorClass.RATE_LIMITED, shortestWait(called), tried, attempts));
        }
        return fail(new JunctionException.UpstreamFailed(Cause.FAILED, last.effectiveClass(), null, tried, attempts));
    }

    JunctionException cancelled() {
        long latency = java.time.Duration.between(info.startedAt(), clock.instant()).toMillis();
        end(UsageStatus.CANCELLED, "cancelled", lastCalled(), false, totalUsage(), totalCost(), latency);
        return FallbackRunner.cancelledError(attempts);
    }

    private JunctionException fail(JunctionException e) {
        long latency = java.time.Duration.between(info.startedAt(), clock.instant()).toMillis();
        end(UsageStatus.ERROR, e.ledgerCause(), lastCalled(), false, totalUsage(), totalCost(), latency);
        return e;
    }

    private void end(UsageStatus status, String errorClass, ModelId model, boolean fallback, Usage usage, Double cost, long latency) {
        end(status, errorClass, model, fallback, usage, cost, latency, null);
    }

    private void end(UsageStatus status, String errorClass, ModelId model, boolean fallback, Usage usage, Double cost, long latency,
                     Long ttftMs) {
        int called = (int) attempts.stream().filter(Attempt::called).count();
        attempts.sort(java.util.Comparator.comparingInt(Attempt::ordinal)); // hedged legs may end out of order
        UsageRecord row = new UsageRecord(info.startedAt(), info.requestId(), info.customerId(), info.task(),
                firstChoice().toString(), model == null ? null : model.toString(), model == null ? null : model.provider(),
                fallback, called, usage, cost, latency, ttftMs, info.stream(), status, errorClass, info.tags(),
                info.apiKeyId(), attempts, model == null ? null : pricesOf(model));
        listener.requestEnd(info, row);
    }

    private dev.junction.catalog.Prices pricesOf(ModelId model) {
        for (Plan.Entry e : plan.entries()) {
            if (e instanceof Plan.Candidate c && c.model().equals(model)) return c.info().prices();
        }
        return null;
    }

    /** The model the run started with: the plan's first entry (for a weighted primary, the one the weights picked). */
    private ModelId firstChoice() {
        return plan.entries().isEmpty() ? plan.route().firstChoice() : plan.entries().getFirst().model();
    }

    private ModelId lastCalled() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).called()) return attempts.get(i).model();
        }
        return null;
    }

    private Usage totalUsage() {
        Usage u = Usage.ZERO;
        for (Attempt a : attempts) u = u.plus(a.usage());
        return u;
    }

    /** Sum of attempt costs; null when an attempt that consumed tokens has no price. */
    private Double totalCost() {
        double sum = 0;
        boolean any = false;
        for (Attempt a : attempts) {
            if (a.costUsd() != null) {
                sum += a.costUsd();
                any = true;
            } else if (a.usage().totalTokens() > 0) {
                return null;
            }
        }
        if (any) return sum;
        // Calls that consumed nothing cost nothing; with no call at all there is no cost to state.
        return attempts.stream().anyMatch(Attempt::called) ? Double.valueOf(0) : null;
    }

    private static Duration shortestWait(List<Attempt> called) {
        Duration best = null;
        for (Attempt a : called) {
            Duration d = ((Outcome.Failed) a.outcome()).failure().retryAfter();
            if (d != null && (best == null || d.compareTo(best) < 0)) best = d;
        }
        return best;
    }

    private static String describe(Failure f) {
        return f.errorClass().wireName() + (f.httpStatus() > 0 ? " (HTTP " + f.httpStatus() + ")" : "") + ": " + f.message();
    }

    private String describeAttempts() {
        StringJoiner j = new StringJoiner("; ");
        for (Attempt a : attempts) {
            switch (a.outcome()) {
                case Outcome.Failed f -> j.add(a.model() + " " + describe(f.failure()));
                case Outcome.Skipped s -> j.add(a.model() + " skipped (" + s.reason().wireName() + ")");
                default -> j.add(a.model() + " " + a.outcome().ledgerName());
            }
        }
        return j.toString();
    }

    private String skipReasons() {
        StringJoiner j = new StringJoiner("; ");
        for (Plan.Entry e : plan.entries()) {
            if (e instanceof Plan.Skip s) j.add(s.model() + ": " + s.why());
        }
        for (Attempt a : attempts) {
            if (a.outcome() instanceof Outcome.Skipped s && plan.entries().stream().noneMatch(e -> e instanceof Plan.Skip ps && ps.model().equals(a.model()))) {
                j.add(a.model() + ": " + s.reason().wireName());
            }
        }
        return j.toString();
    }
}
