package dev.junction.event;

import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.usage.UsageRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans callbacks out; a listener that throws is logged and skipped so it cannot fail a request. */
final class CompositeListener implements AttemptListener {
    private static final Logger log = LoggerFactory.getLogger(CompositeListener.class);
    private final List<AttemptListener> listeners;

    CompositeListener(List<AttemptListener> listeners) { this.listeners = listeners; }

    private void each(java.util.function.Consumer<AttemptListener> call) {
        for (AttemptListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("attempt listener {} failed", l.getClass().getName(), e);
            }
        }
    }

    @Override public void requestStart(RequestInfo r) { each(l -> l.requestStart(r)); }
    @Override public void candidateSkipped(RequestInfo r, Attempt a) { each(l -> l.candidateSkipped(r, a)); }
    @Override public void attemptStart(RequestInfo r, int o, ModelId m) { each(l -> l.attemptStart(r, o, m)); }
    @Override public void firstToken(RequestInfo r, int o, long t) { each(l -> l.firstToken(r, o, t)); }
    @Override public void attemptEnd(RequestInfo r, Attempt a) { each(l -> l.attemptEnd(r, a)); }
    @Override public void requestEnd(RequestInfo r, UsageRecord u) { each(l -> l.requestEnd(r, u)); }
}
