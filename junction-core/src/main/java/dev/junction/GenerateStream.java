package dev.junction;

import dev.junction.model.StreamEvent;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import java.util.Iterator;
import java.util.List;

/**
 * A streamed answer, already committed to one model: it exists only once that model produced its
 * first content event, so {@link #servedModel()} and {@link #fallback()} are final. Pull events with
 * {@code hasNext()}/{@code next()} on one thread; both block until the next event. A failure after
 * content was produced is thrown as {@link dev.junction.error.JunctionException.StreamInterrupted}
 * (Junction never switches models mid-answer). Always close it (try-with-resources): closing before
 * the end cancels the upstream request at once and records the request as {@code cancelled}.
 */
public interface GenerateStream extends Iterator<StreamEvent>, AutoCloseable {
    String requestId();

    String task();

    ModelId servedModel();

    boolean fallback();

    /** Upstream calls made so far (skips excluded), the serving one included. */
    int attemptCount();

    /** The candidates gone through before the serving one, called or skipped. */
    List<Attempt> attemptsBefore();

    /** The request parameters the serving provider could not take (sent as {@code X-Junction-Dropped-Params}). */
    List<String> droppedParams();

    /**
     * Runs {@code hook} on the pulling thread whenever the stream is about to block waiting for more
     * upstream bytes. A relay flushes its output there: events that arrived together leave in one write,
     * and no event read so far is ever held back while the next one is awaited.
     */
    default void beforeWait(Runnable hook) {}

    /** Drains the rest of the stream into a complete result (text joined, tool calls assembled). */
    GenerateResult collect();

    @Override void close();
}
