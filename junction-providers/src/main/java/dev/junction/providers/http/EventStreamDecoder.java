package dev.junction.providers.http;

import dev.junction.model.StreamEvent;
import java.util.Queue;

/**
 * Turns one wire format's server-sent events into neutral {@link StreamEvent}s. One instance per
 * stream, used by the single thread that pulls it.
 */
public interface EventStreamDecoder {

    /**
     * Decodes one event, adding zero or more neutral events to {@code out}.
     *
     * @throws dev.junction.error.ProviderException when the event reports a failure
     */
    void decode(ServerSentEvent event, Queue<StreamEvent> out);

    /** The upstream sent its terminator: nothing after it is read. */
    boolean done();

    /**
     * The body ended. Adds any last events, or throws when the stream was cut before it was complete.
     *
     * @throws dev.junction.error.ProviderException {@code connection} when no finish event arrived
     */
    void endOfStream(Queue<StreamEvent> out);
}
