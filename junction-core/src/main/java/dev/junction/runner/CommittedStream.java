package dev.junction.runner;

import dev.junction.GenerateResult;
import dev.junction.GenerateStream;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.JunctionException;
import dev.junction.error.ProviderException;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.usage.CostCalculator;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The caller's side of a stream committed to one model. States: {@code OPEN} while events flow; then
 * exactly one of {@code FINISHED} (the upstream sent its finish event and ended), {@code INTERRUPTED}
 * (it failed or went silent after content: thrown as {@link JunctionException.StreamInterrupted}) or
 * {@code CANCELLED} (closed by the caller before the end: the upstream request is cancelled at once).
 * Entering any of them writes the request's one usage row, with the tokens seen so far.
 */
final class CommittedStream implements GenerateStream {
    private enum State { OPEN, FINISHED, INTERRUPTED, CANCELLED }

    /** How long to wait for trailing usage after the finish event (interface.md: a stream is complete at its finish). */
    static final long AFTER_FINISH_NANOS = 2_000_000_000L;

    private final StreamMode.Opened opened;
    private final AttemptMode.Attempted attempted;
    private final RunLog log;
    private final long idleNanos;
    private final ArrayDeque<StreamEvent> buffer;
    private State state = State.OPEN;
    private boolean finishSeen;
    private Usage usage;
    private final int calledBefore;

    CommittedStream(StreamMode.Opened opened, AttemptMode.Attempted attempted, RunLog log, long idleNanos) {
        this.opened = opened;
        this.attempted = attempted;
        this.log = log;
        this.idleNanos = idleNanos;
        this.buffer = new ArrayDeque<>(opened.held());
        this.calledBefore = log.calledCount();
        for (StreamEvent e : opened.held()) track(e);
        log.firstToken(attempted.ordinal(), (opened.firstContentNanos() - attempted.startedNanos()) / 1_000_000);
    }

    @Override public void beforeWait(Runnable hook) { opened.stream().beforeWait(hook); }

    @Override public boolean hasNext() {
        if (!buffer.isEmpty()) return true;
        if (state != State.OPEN) return false;
        try {
            if (opened.stream().hasNext()) {
                StreamEvent e = opened.stream().next();
                track(e);
                // After the finish only trailing usage may come: wait briefly, never the full idle timeout.
                opened.guard().extend(finishSeen ? Math.min(idleNanos, AFTER_FINISH_NANOS) : idleNanos);
                buffer.add(e);
                return true;
            }
        } catch (ProviderException e) {
            // The answer was complete; a trailer that never came (usage, [DONE]) does not make it a failure.
            if (finishSeen) {
                end(State.FINISHED);
                return false;
            }
            Failure f = opened.guard().fired()
                    ? Failure.of(ErrorClass.TIMEOUT, "the stream was silent for more than " + idleNanos / 1_000_000 + " ms")
                    : e.failure().redact(attempted.candidate().provider().apiKey());
            throw interrupt(f);
        }
        if (!finishSeen) throw interrupt(Failure.of(ErrorClass.CONNECTION, "the stream ended before its finish event"));
        end(State.FINISHED);
        return false;
    }

    @Override public StreamEvent next() {
        if (!hasNext()) throw new NoSuchElementException();
        return buffer.poll();
    }

    private void track(StreamEvent e) {
        if (e instanceof StreamEvent.UsageReported u) usage = u.usage();
        if (e instanceof StreamEvent.Finished) finishSeen = true;
    }

    private JunctionException interrupt(Failure f) {
        state = State.INTERRUPTED;
        opened.guard().disarm();
        opened.stream().close();
        return log.streamInterrupted(attempted.ordinal(), served(), f, latencyMs(), ttftMs(), usageSoFar(), cost());
    }

    private void end(State s) {
        state = s;
        opened.guard().disarm();
        if (s == State.FINISHED) {
            log.streamFinished(attempted.ordinal(), served(), latencyMs(), ttftMs(), usageSoFar(), cost());
        } else {
            log.streamCancelled(attempted.ordinal(), served(), latencyMs(), ttftMs(), usageSoFar(), cost());
        }
    }

    /** Closing early cancels the upstream request; the row says {@code cancelled} with the tokens seen. */
    @Override public void close() {
        if (state == State.OPEN) {
            opened.stream().close();
            end(State.CANCELLED);
        }
        buffer.clear();
    }

    @Override public GenerateResult collect() {
        StreamCollector collector = new StreamCollector();
        try (this) {
            while (hasNext()) collector.accept(next());
        }
        return log.collected(collector.result(), served());
    }

    private ModelId served() { return attempted.candidate().model(); }

    private Usage usageSoFar() { return usage == null ? Usage.ZERO : usage; }

    private Double cost() { return CostCalculator.cost(attempted.candidate().info().prices(), usageSoFar()); }

    private long latencyMs() { return (System.nanoTime() - attempted.startedNanos()) / 1_000_000; }

    private long ttftMs() { return (opened.firstContentNanos() - attempted.startedNanos()) / 1_000_000; }

    @Override public List<String> droppedParams() { return opened.stream().droppedParams(); }

    @Override public String requestId() { return log.requestId(); }

    @Override public String task() { return log.task(); }

    @Override public ModelId servedModel() { return served(); }

    @Override public boolean fallback() { return log.isFallback(served()); }

    @Override public int attemptCount() { return calledBefore + 1; }

    @Override public List<Attempt> attemptsBefore() {
        return log.attempts().stream().filter(a -> a.ordinal() < attempted.ordinal()).toList();
    }
}
