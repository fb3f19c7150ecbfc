package dev.junction.runner;

import dev.junction.GenerateStream;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A streaming call: success is the first content event. Events before it (the upstream's start, early
 * usage) are held back, so a failure before content is still an ordinary failed attempt the runner may
 * fall back from, and the caller sees one clean stream from the model that served.
 */
final class StreamMode implements AttemptMode<StreamMode.Opened, GenerateStream> {
    private final ScheduledExecutorService timer;
    private final long idleNanos;

    StreamMode(ScheduledExecutorService timer, long idleMs) {
        this.timer = timer;
        this.idleNanos = idleMs * 1_000_000;
    }

    /** A stream that produced its first content event; {@code held} ends with that event. */
    record Opened(ProviderStream stream, StreamGuard guard, List<StreamEvent> held, long firstContentNanos) {}

    @Override public Opened call(ProviderAdapter adapter, ProviderCall call) {
        ProviderStream stream = adapter.stream(call);
        StreamGuard guard = StreamGuard.arm(stream, timer, call.timeout().toNanos());
        List<StreamEvent> held = new ArrayList<>();
        try {
            while (true) {
                if (!stream.hasNext()) {
                    throw new ProviderException(Failure.of(ErrorClass.CONNECTION, "the stream ended before any content"));
                }
                StreamEvent e = stream.next();
                held.add(e);
                if (e.isContent()) return new Opened(stream, guard, held, System.nanoTime());
            }
        } catch (ProviderException e) {
            guard.disarm();
            stream.close();
            if (guard.fired()) {
                throw new ProviderException(Failure.of(ErrorClass.TIMEOUT,
                        "no first token within " + call.timeout().toMillis() + " ms"), e);
            }
            throw e;
        } catch (RuntimeException e) {
            guard.disarm();
            stream.close();
            throw e;
        }
    }

    @Override public Failure refusal(Opened o) {
        if (!(o.held().getLast() instanceof StreamEvent.Finished f) || f.reason() != FinishReason.CONTENT_FILTER) return null;
        return new Failure(ErrorClass.CONTENT_REFUSED, 200, null, "content_filter", "the model refused the request");
    }

    @Override public Usage discard(Opened o) {
        o.guard().disarm();
        o.stream().close();
        Usage usage = null;
        for (StreamEvent e : o.held()) {
            if (e instanceof StreamEvent.UsageReported u) usage = u.usage();
        }
        return usage;
    }

    @Override public GenerateStream succeed(Opened o, Attempted a, RunLog log, Deadline deadline) {
        o.guard().extend(idleNanos);
        return new CommittedStream(o, a, log, idleNanos);
    }
}
