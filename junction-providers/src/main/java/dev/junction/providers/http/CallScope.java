package dev.junction.providers.http;

/**
 * What {@link UpstreamClient} knows about one request in flight: the socket or connection it is using
 * and why it was cut short. Written by the thread doing the exchange; read by the deadline watchdog and
 * by the thread closing a stream, either of which may close the connection under it.
 */
final class CallScope {
    private AutoCloseable connection;
    private boolean aborted;
    private volatile boolean timedOut;
    private volatile boolean closedByCaller;

    /** Remembers what to close to cut the call; closes it at once when the call was already abandoned. */
    void attach(AutoCloseable c) {
        boolean closeNow;
        synchronized (this) {
            closeNow = aborted;
            if (!aborted) connection = c;
        }
        if (closeNow) closeQuietly(c);
    }

    /**
     * Takes the connection back for the pool once its answer was read to the end; false when the call
     * was abandoned meanwhile (then the connection is, or is being, closed and must not be reused).
     */
    synchronized boolean detach() {
        if (aborted) return false;
        connection = null;
        return true;
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

    /** The exchange failed: the connection is in an unknown state and is closed. */
    void fail() { abort(); }

    boolean timedOut() { return timedOut; }

    boolean closedByCaller() { return closedByCaller; }

    synchronized boolean aborted() { return aborted; }

    private void abort() {
        AutoCloseable toClose;
        synchronized (this) {
            if (aborted) return;
            aborted = true;
            toClose = connection;
            connection = null;
        }
        if (toClose != null) closeQuietly(toClose);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
