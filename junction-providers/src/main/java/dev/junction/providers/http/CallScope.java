package dev.junction.providers.http;

import io.helidon.webclient.api.ReleasableResource;

/**
 * What {@link UpstreamClient} knows about one request in flight: whether Helidon opened a new
 * connection for it, the connection once response headers arrived, and why it was cut short.
 * Written by the thread doing the exchange, read by the timer and by the thread closing a stream.
 */
final class CallScope {
    private ReleasableResource connection;
    private boolean aborted;
    private volatile boolean freshConnection;
    private volatile boolean timedOut;
    private volatile boolean closedByCaller;

    void freshConnectionOpened() { freshConnection = true; }

    boolean openedFreshConnection() { return freshConnection; }

    void resetForResend() { freshConnection = false; }

    /** Remembers the connection; closes it at once when the call was already abandoned. */
    synchronized void attach(ReleasableResource resource) {
        if (aborted) {
            resource.closeResource();
        } else {
            connection = resource;
        }
    }

    /** The deadline passed: close the connection so a blocked read or a trickling server ends now. */
    void timeOut() {
        timedOut = true;
        abort();
    }

    /** The caller closed the stream: close the connection so the upstream sees the cancel at once. */
    void closeByCaller() {
        closedByCaller = true;
        abort();
    }

    boolean timedOut() { return timedOut; }

    boolean closedByCaller() { return closedByCaller; }

    private void abort() {
        ReleasableResource toClose;
        synchronized (this) {
            if (aborted) return;
            aborted = true;
            toClose = connection;
            connection = null;
        }
        if (toClose != null) toClose.closeResource();
    }
}
