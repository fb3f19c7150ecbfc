package dev.junction.runner;

import dev.junction.GenerateResult;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.JunctionException;
import dev.junction.error.ProviderException;
import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.health.HealthRegistry;
import dev.junction.model.ChatRequest;
import dev.junction.model.Usage;
import dev.junction.provider.Deployment;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.route.ModelId;
import dev.junction.route.Plan;
import dev.junction.route.Route;
import dev.junction.usage.CostCalculator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's fallback loop, made explicit.
 *
 * <p>One {@code for} over the plan's entries, in order. A skipped entry is recorded and passed over. A
 * candidate is called; if the call fails, {@link FallbackPolicy} turns the classified {@link Failure}
 * into a {@link Decision}, and an exhaustive switch carries it out: retry the same model after a wait,
 * move on, move on while skipping the rest of this provider's candidates (its credentials failed), move
 * on only to larger windows (the prompt did not fit), or stop and give the failure to the caller.
 *
 * <p>Guarantees: every entry of the plan appears exactly once in the attempts, as called or skipped,
 * numbered in the order the loop reached it (retries of one model are separate attempts). The listener
 * sees {@code requestStart}, then per entry {@code candidateSkipped} or {@code attemptStart} ...
 * {@code attemptEnd}, then {@code requestEnd} exactly once, with the usage row, on every path out.
 * State lives in local variables only; the runner is shared by all requests.
 *
 * <p>Not promised: an attempt's timeout bounds the upstream call, not a retry's wait, which the policy
 * only allows when it fits the budget. A stream is run by the same loop ({@link StreamMode}): it counts
 * as served once its first content event arrives, and from then on {@code CommittedStream} owns the
 * serving attempt and the usage row.
 */
public final class FallbackRunner {
    private static final Logger log = LoggerFactory.getLogger(FallbackRunner.class);

    private final Map<String, ProviderAdapter> adapters;
    private final FallbackPolicy policy;
    private final HealthRegistry health;
    private final InstantSource clock;
    private final Sleeper sleeper;

    /** @param adapters the adapter of each configured provider, by provider name */
    public FallbackRunner(Map<String, ProviderAdapter> adapters, FallbackPolicy policy, HealthRegistry health,
                          InstantSource clock, Sleeper sleeper) {
        this.adapters = Map.copyOf(adapters);
        this.policy = policy;
        this.health = health;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs a non-streaming request through the plan. */
    public GenerateResult run(RequestInfo info, Plan plan, ChatRequest request, AttemptListener listener) {
        return run(info, plan, request, listener, CompleteMode.INSTANCE);
    }

    /**
     * Runs a streaming request: falls back like {@link #run} until a candidate produces its first content
     * event, then hands the caller a stream committed to that model.
     */
    public dev.junction.GenerateStream stream(RequestInfo info, Plan plan, ChatRequest request, AttemptListener listener,
                                              java.util.concurrent.ScheduledExecutorService timer, long idleTimeoutMs) {
        return run(info, plan, request, listener, new StreamMode(timer, idleTimeoutMs));
    }

    /** The loop, for either mode: see the class comment. */
    <T, R> R run(RequestInfo info, Plan plan, ChatRequest request, AttemptListener listener, AttemptMode<T, R> mode) {
        Route route = plan.route();
        Deadline deadline = Deadline.start(clock, route.maxLatencyMs());
        RunLog runLog = new RunLog(info, plan, listener, clock);
        List<Plan.Entry> entries = plan.entries();
        Exclusions excluded = new Exclusions();
        listener.requestStart(info);

        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Plan.Skip skip) {
                runLog.skipped(skip.model(), skip.reason());
                if (skip.reason() == SkipReason.COOLING_DOWN) runLog.noteWait(health.view(skip.model()).cooldownUntil());
                continue;
            }
            Plan.Candidate candidate = (Plan.Candidate) entries.get(i);
            SkipReason excludedBecause = excluded.reasonToSkip(candidate);
            if (excludedBecause != null) {
                runLog.skipped(candidate.model(), excludedBecause);
                continue;
            }
            // The budget is spent: no candidate could answer in time.
            if (deadline.expired()) break;
            // Health may have changed since planning; a half-open circuit lets one probe through.
            if (!permitted(candidate, runLog)) continue;

            int partner = route.hedgeAfterMs() == null ? -1 : nextCandidate(entries, i, excluded);
            if (partner >= 0) {
                Raced<R> raced = hedged(info, request, mode, candidate, (Plan.Candidate) entries.get(partner), entries, i, runLog, deadline, excluded);
                if (raced.won() != null) return raced.won();
                if (raced.partnerUsed()) i = partner; // both legs of the race were tried (or the partner skipped)
                continue;
            }
            for (int retry = 0; ; retry++) {
                int ordinal = runLog.attemptStart(candidate.model());
                long started = System.nanoTime();
                T outcome = null;
                RuntimeException error = null;
                try {
                    outcome = mode.call(adapters.get(candidate.model().provider()), call(route, info, request, candidate, entries, i, deadline, excluded));
                } catch (RuntimeException e) {
                    error = e;
                }
                Settled<R> settled = settle(mode, route, candidate, ordinal, started, outcome, error, runLog, deadline);
                if (settled instanceof Settled.Won<R>(R result)) return result;
                Failure failure = ((Settled.Lost<R>) settled).failure();
                Decision decision = policy.decide(failure, route, retry, deadline.remaining());
                // A retry is this run's own decision, already bounded by the policy: health is not re-checked.
                if (decision instanceof Decision.RetrySame(Duration delay)) {
                    if (sleep(delay)) continue;
                    throw runLog.cancelled();
                }
                apply(decision, failure, candidate, plan, runLog, excluded);
                break;
            }
        }
        throw runLog.exhausted(deadline);
    }

    /**
     * Races {@code first} against {@code second} (interface.md, "Hedging"): the second starts only if the
     * first has produced nothing after {@code hedgeAfterMs}; the first to succeed wins and the other's
     * upstream request is cancelled at once. Both attempts are recorded and costed. When no leg won, the
     * failures have been applied and {@code partnerUsed} says whether the loop must move past the partner.
     */
    private <T, R> Raced<R> hedged(RequestInfo info, ChatRequest request, AttemptMode<T, R> mode, Plan.Candidate first,
                            Plan.Candidate second, List<Plan.Entry> entries, int i, RunLog runLog, Deadline deadline,
                            Exclusions excluded) {
        Route route = runLog.route();
        BlockingQueue<HedgeLeg<T>> finished = new LinkedBlockingQueue<>();
        List<HedgeLeg<T>> running = new ArrayList<>();
        running.add(HedgeLeg.start(runLog.attemptStart(first.model()), first, mode, adapters.get(first.model().provider()),
                call(route, info, request, first, entries, i, deadline, excluded), finished));
        try {
            HedgeLeg<T> done = finished.poll(route.hedgeAfterMs(), TimeUnit.MILLISECONDS);
            boolean partnerUsed = done == null;
            if (partnerUsed && permitted(second, runLog)) {
                int j = entries.indexOf(second);
                running.add(HedgeLeg.start(runLog.attemptStart(second.model()), second, mode, adapters.get(second.model().provider()),
                        call(route, info, request, second, entries, j, deadline, excluded), finished));
            }
            while (!running.isEmpty()) {
                HedgeLeg<T> leg = done != null ? done : finished.take();
                done = null;
                running.remove(leg);
                boolean wins = leg.error() == null && (!route.fallbackOnRefusal() || mode.refusal(leg.result()) == null);
                // The loser is stopped and recorded first, so the winner's result counts both attempts.
                if (wins) for (HedgeLeg<T> loser : running) cancelLoser(mode, loser, finished, runLog);
                Settled<R> settled = settle(mode, route, leg.candidate, leg.ordinal, leg.startedNanos, leg.result(), leg.error(), runLog, deadline);
                if (settled instanceof Settled.Won<R>(R result)) return new Raced<>(result, true);
                Failure failure = ((Settled.Lost<R>) settled).failure();
                Decision decision = policy.decide(failure, route, Integer.MAX_VALUE, deadline.remaining());
                if (decision instanceof Decision.Stop) for (HedgeLeg<T> other : running) cancelLoser(mode, other, finished, runLog);
                apply(decision, failure, leg.candidate, runLog.plan(), runLog, excluded);
            }
            return new Raced<>(null, partnerUsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (HedgeLeg<T> leg : running) leg.cancel();
            throw runLog.cancelled();
        }
    }

    /** The end of a hedged race: the winner's result, or null and whether the partner took its turn. */
    private record Raced<R>(R won, boolean partnerUsed) {}

    /** Cancels a losing leg and records it as cancelled, with whatever tokens it had consumed. */
    private <T, R> void cancelLoser(AttemptMode<T, R> mode, HedgeLeg<T> loser, BlockingQueue<HedgeLeg<T>> finished, RunLog runLog) {
        loser.cancel();
        try {
            // The interrupt closes its connection, so the leg ends promptly.
            if (finished.poll(2, TimeUnit.SECONDS) != loser) log.debug("hedge leg {} slow to stop", loser.ordinal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Usage consumed = loser.result() != null ? mode.discard(loser.result()) : null;
        health.abandoned(loser.candidate.model());
        runLog.cancelledAttempt(loser.ordinal, loser.candidate.model(), loser.elapsedMs(), consumed,
                consumed == null ? null : CostCalculator.cost(loser.candidate.info().prices(), consumed));
    }

    /** Records one finished call: the caller's result on success, else a failure fed to health. */
    private <T, R> Settled<R> settle(AttemptMode<T, R> mode, Route route, Plan.Candidate candidate, int ordinal, long started,
                                     T outcome, RuntimeException error, RunLog runLog, Deadline deadline) {
        ModelId model = candidate.model();
        Failure failure;
        Usage consumed = null;
        if (error == null) {
            Failure refusal = route.fallbackOnRefusal() ? mode.refusal(outcome) : null;
            if (refusal == null) {
                health.succeeded(model);
                return new Settled.Won<>(mode.succeed(outcome, new AttemptMode.Attempted(ordinal, candidate, started), runLog, deadline));
            }
            // A refusal the route chose to fall back on: it counts as a failure of this model.
            consumed = mode.discard(outcome);
            failure = refusal;
            health.abandoned(model);
        } else if (error instanceof ProviderException e) {
            // Providers echo keys in auth errors; the key never reaches a log, a response or the ledger.
            failure = e.failure().redact(candidate.provider().apiKey());
        } else {
            // An adapter bug must not lose the request's row; read it as a server-side failure.
            log.error("adapter for provider '{}' failed unexpectedly", model.provider(), error);
            failure = new Failure(ErrorClass.UNKNOWN, 500, null, null, "internal adapter error: " + error.getClass().getSimpleName());
        }
        runLog.failed(ordinal, model, failure, (System.nanoTime() - started) / 1_000_000, consumed,
                consumed == null ? null : CostCalculator.cost(candidate.info().prices(), consumed));
        if (failure.errorClass() != ErrorClass.CONTENT_REFUSED) health.failed(model, failure);
        return new Settled.Lost<>(failure);
    }

    /** Carries out every decision but a same-model retry. */
    private static void apply(Decision decision, Failure failure, Plan.Candidate candidate, Plan plan, RunLog runLog, Exclusions excluded) {
        switch (decision) {
            case Decision.RetrySame retry -> { } // only the single-call path retries
            case Decision.NextCandidate next -> { }
            case Decision.SkipProvider skipProvider -> excluded.providerFailed(candidate.model().provider());
            case Decision.NextLargerWindow larger -> excluded.needLargerThan(windowOf(candidate, plan));
            case Decision.Stop stop -> throw runLog.stopped(failure);
        }
    }

    /** Asks the model's health for a call now; records the skip when refused. */
    private boolean permitted(Plan.Candidate candidate, RunLog runLog) {
        SkipReason unhealthy = switch (health.acquire(candidate.model())) {
            case ALLOWED -> null;
            case CIRCUIT_OPEN -> SkipReason.CIRCUIT_OPEN;
            case COOLING_DOWN -> SkipReason.COOLING_DOWN;
        };
        if (unhealthy == null) return true;
        runLog.skipped(candidate.model(), unhealthy);
        runLog.noteWait(health.view(candidate.model()).cooldownUntil());
        return false;
    }

    private ProviderCall call(Route route, RequestInfo info, ChatRequest request, Plan.Candidate c, List<Plan.Entry> entries, int i,
                              Deadline deadline, Exclusions excluded) {
        Duration timeout = deadline.attemptTimeout(timeoutMs(c), candidatesLeft(entries, i, excluded));
        return new ProviderCall(new Deployment(c.model(), c.provider(), c.info().maxOutputTokens()), request, timeout,
                info.requestId(), route.rejectUnsupportedParams());
    }

    /** The index of the next candidate after {@code i} that this run would call, or -1. */
    private static int nextCandidate(List<Plan.Entry> entries, int i, Exclusions excluded) {
        for (int j = i + 1; j < entries.size(); j++) {
            if (entries.get(j) instanceof Plan.Candidate c && excluded.reasonToSkip(c) == null) return j;
        }
        return -1;
    }

    private boolean sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Integer timeoutMs(Plan.Candidate c) {
        Integer model = c.info().timeoutMs();
        Integer provider = c.provider().timeoutMs();
        if (model == null) return provider;
        if (provider == null) return model;
        return Math.min(model, provider);
    }

    /** Candidates still to try from index {@code i} on (itself included), for the budget's equal shares. */
    private static int candidatesLeft(List<Plan.Entry> entries, int i, Exclusions excluded) {
        int n = 0;
        for (int j = i; j < entries.size(); j++) {
            if (entries.get(j) instanceof Plan.Candidate c && !excluded.providerFailedAlready(c.model().provider())) n++;
        }
        return Math.max(n, 1);
    }

    /** The window the prompt did not fit: the model's, or the estimate when the catalog has none. */
    private static Integer windowOf(Plan.Candidate c, Plan plan) {
        if (c.info().contextWindow() != null) return c.info().contextWindow();
        return (int) Math.min(Integer.MAX_VALUE, plan.inputTokens());
    }

    /** Thrown out of {@link #run} when the caller went away during a retry wait. */
    static JunctionException cancelledError(List<Attempt> attempts) {
        return new JunctionException.UpstreamFailed(JunctionException.UpstreamFailed.Cause.FAILED, null, null,
                "request cancelled", attempts);
    }
}
