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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Set<String> failedProviders = new HashSet<>();
        Integer windowFloor = null; // after context_too_long: only windows larger than this
        listener.requestStart(info);

        for (int i = 0; i < entries.size(); i++) {
            Plan.Entry entry = entries.get(i);
            if (entry instanceof Plan.Skip skip) {
                runLog.skipped(skip.model(), skip.reason());
                if (skip.reason() == SkipReason.COOLING_DOWN) runLog.noteWait(health.view(skip.model()).cooldownUntil());
                continue;
            }
            Plan.Candidate candidate = (Plan.Candidate) entry;
            ModelId model = candidate.model();
            // Its provider's credentials failed earlier in this request: the same key fails the same way.
            if (failedProviders.contains(model.provider())) {
                runLog.skipped(model, SkipReason.CREDENTIALS_FAILED);
                continue;
            }
            // The prompt did not fit a window at least this large.
            if (windowFloor != null && !(candidate.info().contextWindow() != null && candidate.info().contextWindow() > windowFloor)) {
                runLog.skipped(model, SkipReason.CONTEXT_TOO_SMALL);
                continue;
            }
            // The budget is spent: no candidate could answer in time.
            if (deadline.expired()) break;

            Deployment deployment = new Deployment(model, candidate.provider(), candidate.info().maxOutputTokens());
            for (int retry = 0; ; retry++) {
                // Health may have changed since planning; a half-open circuit lets one probe through.
                // A retry is this run's own decision, already bounded by the policy: it is not re-checked.
                SkipReason unhealthy = retry > 0 ? null : switch (health.acquire(model)) {
                    case ALLOWED -> null;
                    case CIRCUIT_OPEN -> SkipReason.CIRCUIT_OPEN;
                    case COOLING_DOWN -> SkipReason.COOLING_DOWN;
                };
                if (unhealthy != null) {
                    runLog.skipped(model, unhealthy);
                    runLog.noteWait(health.view(model).cooldownUntil());
                    break;
                }
                Duration timeout = deadline.attemptTimeout(timeoutMs(candidate), candidatesLeft(entries, i, failedProviders));
                ProviderCall call = new ProviderCall(deployment, request, timeout, info.requestId());
                int ordinal = runLog.attemptStart(model);
                long started = System.nanoTime();
                Failure failure;
                Usage consumed = null;
                try {
                    T outcome = mode.call(adapters.get(model.provider()), call);
                    Failure refusal = route.fallbackOnRefusal() ? mode.refusal(outcome) : null;
                    if (refusal == null) {
                        health.succeeded(model);
                        return mode.succeed(outcome, new AttemptMode.Attempted(ordinal, candidate, started), runLog, deadline);
                    }
                    // A refusal the route chose to fall back on: it counts as a failure of this model.
                    consumed = mode.discard(outcome);
                    failure = refusal;
                    health.abandoned(model);
                } catch (ProviderException e) {
                    // Providers echo keys in auth errors; the key never reaches a log, a response or the ledger.
                    failure = e.failure().redact(candidate.provider().apiKey());
                } catch (RuntimeException e) {
                    // An adapter bug must not lose the request's row; read it as a server-side failure.
                    log.error("adapter for provider '{}' failed unexpectedly", model.provider(), e);
                    failure = new Failure(ErrorClass.UNKNOWN, 500, null, null, "internal adapter error: " + e.getClass().getSimpleName());
                }
                runLog.failed(ordinal, model, failure, (System.nanoTime() - started) / 1_000_000, consumed,
                        consumed == null ? null : CostCalculator.cost(candidate.info().prices(), consumed));
                if (failure.errorClass() != ErrorClass.CONTENT_REFUSED) health.failed(model, failure);
                switch (policy.decide(failure, route, retry, deadline.remaining())) {
                    case Decision.RetrySame(Duration delay) -> {
                        if (sleep(delay)) continue;
                        throw runLog.cancelled();
                    }
                    case Decision.NextCandidate next -> { }
                    case Decision.SkipProvider skipProvider -> failedProviders.add(model.provider());
                    case Decision.NextLargerWindow larger -> windowFloor = windowOf(candidate, plan);
                    case Decision.Stop stop -> throw runLog.stopped(failure);
                }
                break;
            }
        }
        throw runLog.exhausted(deadline);
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
    private static int candidatesLeft(List<Plan.Entry> entries, int i, Set<String> failedProviders) {
        int n = 0;
        for (int j = i; j < entries.size(); j++) {
            if (entries.get(j) instanceof Plan.Candidate c && !failedProviders.contains(c.model().provider())) n++;
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
