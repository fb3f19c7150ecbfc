package dev.junction.state.limits;

import dev.junction.config.LimitSpec;
import dev.junction.state.SharedCounters;
import dev.junction.state.StateUnavailableException;
import dev.junction.state.WindowCount;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before routing, whether a request fits its key's and its customer's limits.
 *
 * <p>Read-only checks come first for every subject (spend today and this month, tokens this minute), then
 * the request is counted against each requests-per-minute window. So a request refused for its budget does
 * not use up a request slot, and the minute's count includes refused-for-rate requests (a caller hammering
 * a limit stays limited until the window ends). Spend and tokens are known only when a request ends;
 * {@link UsageRecorder} adds them then, so one request may overshoot a budget, the next is refused.
 *
 * <p>When the shared store cannot be reached the request is admitted (limits fail open, an outage of
 * Redis must not become an outage of every model) and a warning is logged at most every 30 seconds.
 */
public final class LimitChecker {
    private static final Logger log = LoggerFactory.getLogger(LimitChecker.class);
    private static final long WARN_EVERY_MS = 30_000;

    private final SharedCounters counters;
    private final InstantSource clock;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

    public LimitChecker(SharedCounters counters, InstantSource clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** Checks every subject's limits and counts the request; subjects with no limits are skipped. */
    public Admission admit(List<Subject> subjects) {
        try {
            Instant now = clock.instant();
            for (Subject s : subjects) {
                Admission.Refused r = readOnlyChecks(s, now);
                if (r != null) return r;
            }
            for (Subject s : subjects) {
                Integer rpm = s.limits().rpm();
                if (rpm == null) continue;
                WindowCount w = counters.incrementWindow(CounterNames.requests(s), 1, CounterNames.MINUTE);
                if (w.total() > rpm) {
                    long wait = w.secondsUntilReset(now);
                    return Admission.rateLimited("rate limit exceeded for " + s.describe() + ": " + rpm
                            + " requests per minute; retry in " + wait + " s", wait);
                }
            }
            return Admission.ADMITTED;
        } catch (StateUnavailableException e) {
            warn(e);
            return Admission.ADMITTED;
        }
    }

    private Admission.Refused readOnlyChecks(Subject s, Instant now) {
        LimitSpec l = s.limits();
        if (l.budgetUsdPerDay() != null) {
            double spent = counters.get(CounterNames.spendDay(s, now));
            if (spent >= l.budgetUsdPerDay()) {
                return Admission.overBudget("daily budget exceeded for " + s.describe() + ": spent "
                        + usd(spent) + " of " + usd(l.budgetUsdPerDay()) + " today (UTC)", CounterNames.secondsToNextDay(now));
            }
        }
        if (l.budgetUsdPerMonth() != null) {
            double spent = counters.get(CounterNames.spendMonth(s, now));
            if (spent >= l.budgetUsdPerMonth()) {
                return Admission.overBudget("monthly budget exceeded for " + s.describe() + ": spent "
                        + usd(spent) + " of " + usd(l.budgetUsdPerMonth()) + " this month (UTC)", CounterNames.secondsToNextMonth(now));
            }
        }
        if (l.tpm() != null) {
            WindowCount w = counters.incrementWindow(CounterNames.tokens(s), 0, CounterNames.MINUTE);
            if (w.total() >= l.tpm()) {
                long wait = w.secondsUntilReset(now);
                return Admission.rateLimited("token rate limit exceeded for " + s.describe() + ": " + w.total()
                        + " of " + l.tpm() + " tokens per minute used; retry in " + wait + " s", wait);
            }
        }
        return null;
    }

    private static String usd(double v) { return String.format(Locale.ROOT, "$%.4f", v); }

    private void warn(StateUnavailableException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            log.warn("limits not enforced: {}", e.getMessage());
        }
    }
}
