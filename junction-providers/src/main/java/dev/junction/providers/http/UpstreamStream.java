package dev.junction.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An upstream response whose body is read as it arrives. A non-2xx answer has its (small) error body
 * already read into {@link #errorBody()} and its connection released.
 *
 * <p>Until {@link #firstEventArrived()} is called, the attempt's deadline stays armed: when the time
 * runs out the connection is closed and the pending read fails with {@link UpstreamTimeoutException}.
 * {@link #close()} closes the connection at once, also while another thread is blocked reading, so the
 * upstream stops generating; a body read to its end instead returns its connection to the pool. It is
 * idempotent.
 */
public final class UpstreamStream implements AutoCloseable {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] errorBody;
    private final GuardedInput body;
    private final CallScope scope;
    private final Deadlines.Armed deadline;
    private final Runnable release;
    private final UpstreamConnection connection;
    private boolean closed;

    UpstreamStream(int status, Map<String, List<String>> headers, byte[] errorBody, ResponseBody body,
                   CallScope scope, Deadlines.Armed deadline, Runnable release, UpstreamConnection connection) {
        this.status = status;
        this.headers = headers;
        this.errorBody = errorBody;
        this.body = new GuardedInput(body, scope);
        this.scope = scope;
        this.deadline = deadline;
        this.release = release;
        this.connection = connection;
    }

    public int status() { return status; }

    public boolean successful() { return status >= 200 && status < 300; }

    /** Response headers keyed by lower-case name. */
    public Map<String, List<String>> headers() { return headers; }

    /** The body of a non-2xx answer; null for a successful stream. */
    public byte[] errorBody() { return errorBody; }

    /** The event-stream bytes. Reads fail with an {@link IOException} once the stream is aborted. */
    public InputStream body() { return body; }

    /** Runs {@code hook} before each read that has to wait for the upstream (nothing left buffered). */
    public void beforeWait(Runnable hook) {
        if (connection != null) connection.beforeBlockingRead(hook);
    }

    /** The upstream made progress in time: the attempt's timeout no longer applies. */
    public void firstEventArrived() {
        if (deadline != null) deadline.disarm();
    }

    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        firstEventArrived();
        // a body read to its end leaves a clean connection for the pool; anything else is cut off
        if (body.atEnd()) {
            release.run();
        } else {
            scope.closeByCaller();
        }
    }

    /** Says why a read ended: the deadline, the caller's close, or the upstream. */
    private static final class GuardedInput extends InputStream {
        private final ResponseBody in;
        private final CallScope scope;

        GuardedInput(ResponseBody in, CallScope scope) {
            this.in = in;
            this.scope = scope;
        }

        boolean atEnd() { return in == null || in.atEnd(); }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (in == null) return -1;
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw explain(e);
            }
        }

        private IOException explain(Exception e) {
            if (scope.timedOut()) return new UpstreamTimeoutException("no event before the attempt timeout");
            if (scope.closedByCaller()) return new IOException("stream closed", e);
            return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }

        @Override public void close() {
            // closing the body is closing the stream's connection: UpstreamStream#close decides how
        }
    }
}
