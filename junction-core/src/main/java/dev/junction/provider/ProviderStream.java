package dev.junction.provider;

import dev.junction.model.StreamEvent;
import java.util.Iterator;

/**
 * A pull iterator over one upstream stream. {@code hasNext()} and {@code next()} block the calling
 * thread until the next event; they throw {@link dev.junction.error.ProviderException} when the stream
 * fails. The stream ends after its {@code Finished} event (and any usage that follows it).
 */
public interface ProviderStream extends Iterator<StreamEvent>, AutoCloseable {
    /** The request parameters the adapter could not send to this provider (never silently). */
    default java.util.List<String> droppedParams() { return java.util.List.of(); }

    /**
     * Runs {@code hook} on the pulling thread whenever the stream is about to block waiting for more
     * upstream bytes. A relay flushes its output there: events that arrived together leave in one write,
     * and no event read so far is ever held back while the next one is awaited.
     */
    default void beforeWait(Runnable hook) {}

    /** Cancels the upstream request at once and releases the connection; idempotent. */
    @Override void close();
}
