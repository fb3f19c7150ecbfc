package dev.junction.testing;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.usage.UsageRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records listener callbacks as short strings, so a test can assert their exact order. */
public final class EventRecorder implements AttemptListener {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<UsageRecord> rows = Collections.synchronizedList(new ArrayList<>());

    @Override public void requestStart(RequestInfo r) { events.add("requestStart"); }

    @Override public void candidateSkipped(RequestInfo r, Attempt a) {
        events.add("skipped " + a.model() + " " + a.outcome().ledgerName());
    }

    @Override public void attemptStart(RequestInfo r, int ordinal, ModelId model) { events.add("attemptStart " + model); }

    @Override public void firstToken(RequestInfo r, int ordinal, long ttftMs) { events.add("firstToken"); }

    @Override public void attemptEnd(RequestInfo r, Attempt a) {
        events.add("attemptEnd " + a.model() + " " + a.outcome().ledgerName());
    }

    @Override public void requestEnd(RequestInfo r, UsageRecord u) {
        events.add("requestEnd " + u.status().wireName() + (u.errorClass() == null ? "" : " " + u.errorClass()));
        rows.add(u);
    }

    public List<String> events() { return List.copyOf(events); }

    public List<UsageRecord> rows() { return List.copyOf(rows); }

    public UsageRecord onlyRow() {
        if (rows.size() != 1) throw new AssertionError("expected exactly one usage row, got " + rows.size());
        return rows.getFirst();
    }
}
