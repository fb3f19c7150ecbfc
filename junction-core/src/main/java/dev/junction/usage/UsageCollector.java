package dev.junction.usage;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;

/** The ledger's subscription: hands each finished request's row to the sink, never blocking. */
public final class UsageCollector implements AttemptListener {
    private final UsageSink sink;

    public UsageCollector(UsageSink sink) { this.sink = sink; }

    @Override public void requestEnd(RequestInfo request, UsageRecord record) { sink.offer(record); }
}
