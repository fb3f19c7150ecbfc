package dev.junction.providers.http;

import dev.junction.error.ProviderException;
import dev.junction.model.StreamEvent;
import dev.junction.provider.ErrorClassifier;
import dev.junction.provider.ProviderStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;

/**
 * A {@link ProviderStream} over an upstream event stream: reads SSE events on the pulling thread,
 * hands each to the wire format's {@link EventStreamDecoder}, and yields the neutral events in order.
 *
 * <p>The first dispatched event disarms the attempt's timeout (comments such as keep-alives are not
 * events, so they do not count as progress). A read failure is classified by the format's
 * {@link ErrorClassifier} and thrown from {@code hasNext()}/{@code next()}; so is a failure the decoder
 * reports. After any failure, or the terminator, the upstream connection is closed.
 */
public final class SseProviderStream implements ProviderStream {
    private final UpstreamStream upstream;
    private final SseReader reader;
    private final EventStreamDecoder decoder;
    private final ErrorClassifier classifier;
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private boolean sawEvent;
    private boolean ended;

    public SseProviderStream(UpstreamStream upstream, EventStreamDecoder decoder, ErrorClassifier classifier) {
        this.upstream = upstream;
        this.reader = new SseReader(upstream.body());
        this.decoder = decoder;
        this.classifier = classifier;
    }

    private java.util.List<String> dropped = java.util.List.of();

    /** Notes the request parameters the adapter could not send, so the caller can be told. */
    public SseProviderStream withDroppedParams(java.util.List<String> params) {
        this.dropped = java.util.List.copyOf(params);
        return this;
    }

    @Override public java.util.List<String> droppedParams() { return dropped; }

    @Override public void beforeWait(Runnable hook) { upstream.beforeWait(hook); }

    @Override public boolean hasNext() {
        while (pending.isEmpty() && !ended) pull();
        return !pending.isEmpty();
    }

    @Override public StreamEvent next() {
        if (!hasNext()) throw new NoSuchElementException("stream ended");
        return pending.poll();
    }

    private void pull() {
        ServerSentEvent event;
        try {
            event = reader.next();
        } catch (IOException e) {
            ended = true;
            release();
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        try {
            if (event == null) {
                ended = true;
                decoder.endOfStream(pending);
                release();
                return;
            }
            if (!sawEvent) {
                sawEvent = true;
                upstream.firstEventArrived();
            }
            decoder.decode(event, pending);
            if (decoder.done()) {
                ended = true;
                release();
            }
        } catch (ProviderException e) {
            ended = true;
            release();
            throw e;
        }
    }

    /** Cancels the upstream request at once; events not yet pulled are discarded. Idempotent. */
    @Override public void close() {
        pending.clear();
        release();
    }

    private void release() {
        ended = true;
        upstream.close();
    }
}
