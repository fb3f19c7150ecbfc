package dev.junction.state.limits;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.state.SharedCounters;
import dev.junction.state.StateUnavailableException;
import dev.junction.usage.UsageRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what each finished request cost and how many tokens it used against its key and its customer,
 * from the same usage row the ledger stores. Counts every key and customer, limited or not, so a limit
 * added by a config reload starts from today's real spend.
 */
public final class UsageRecorder implements AttemptListener {
    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final SharedCounters counters;
    private final InstantSource clock;

    public UsageRecorder(SharedCounters counters, InstantSource clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void requestEnd(RequestInfo request, UsageRecord record) {
        long tokens = record.usage().totalTokens();
        double cost = record.costUsd() == null ? 0 : record.costUsd();
        if (tokens == 0 && cost == 0) return; // refused or failed before any upstream work
        List<Subject> subjects = new ArrayList<>(2);
        if (record.apiKeyId() != null) subjects.add(Subject.key(record.apiKeyId(), record.apiKeyId(), null));
        if (record.customerId() != null) subjects.add(Subject.customer(record.customerId(), null));
        Instant now = clock.instant();
        try {
            for (Subject s : subjects) {
                if (tokens > 0) counters.incrementWindow(CounterNames.tokens(s), tokens, CounterNames.MINUTE);
                if (cost > 0) {
                    counters.add(CounterNames.spendDay(s, now), cost, CounterNames.DAY_TTL);
                    counters.add(CounterNames.spendMonth(s, now), cost, CounterNames.MONTH_TTL);
                }
            }
        } catch (StateUnavailableException e) {
            log.debug("usage of {} not counted against limits: {}", record.requestId(), e.getMessage());
        }
    }
}
