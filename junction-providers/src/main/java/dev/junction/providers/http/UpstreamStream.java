package dev.junction.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * An upstream response whose body is read as it arrives. A non-2xx answer has its (small) error body
 * already read into {@link #errorBody()} and its connection released.
 *
 * <p>Until {@link #firstEventArrived()} is called, a timer abandons the response when the attempt's
 * time runs out: the connection is closed and the pending read fails with
 * {@link UpstreamTimeoutException}. {@link #close()} closes the connection at once, also while another
 * thread is blocked reading, so the upstream stops generating; it is idempotent.
 */
public final class UpstreamStream implements AutoCloseable {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] errorBody;
    private final GuardedInput body;
    private final CallScope scope;
    private final AutoCloseable response;
    private volatile ScheduledFuture<?> deadline;

    UpstreamStream(int status, Map<String, List<String>> headers, byte[] errorBody, InputStream body,
                   CallScope scope, AutoCloseable response) {
        this.status = status;
        this.headers = headers;
        this.errorBody = errorBody;
        this.body = new GuardedInput(body == null ? InputStream.nullInputStream() : body, scope);
        this.scope = scope;
        this.response = response;
    }

    public int status() { return status; }

    public boolean successful() { return status >= 200 && status < 300; }

    /** Response headers keyed by lower-case name. */
    public Map<String, List<String>> headers() { return headers; }

    /** The body of a non-2xx answer; null for a successful stream. */
    public byte[] errorBody() { return errorBody; }

    /** The event-stream bytes. Reads fail with an {@link IOException} once the stream is aborted. */
    public InputStream body() { return body; }

    void armDeadline(ScheduledFuture<?> timer) { this.deadline = timer; }

    /** The upstream made progress in time: the attempt's timeout no longer applies. */
    public void firstEventArrived() {
        ScheduledFuture<?> timer = deadline;
        if (timer != null) timer.cancel(false);
    }

    @Override public void close() {
        firstEventArrived();
        // a body read to its end leaves a clean connection for the pool; anything else is cut off
        if (!body.atEnd) scope.closeByCaller();
        try {
            response.close();
        } catch (Exception ignored) {
            // the connection is already closed; nothing is left to release
        }
    }

    /** Turns Helidon's unchecked read failures into IOExceptions that say why the read ended. */
    private static final class GuardedInput extends InputStream {
        private final InputStream in;
        private final CallScope scope;
        private volatile boolean atEnd;

        GuardedInput(InputStream in, CallScope scope) {
            this.in = in;
            this.scope = scope;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n < 0) atEnd = true;
                return n;
            } catch (IOException | RuntimeException e) {
                throw explain(e);
            }
        }

        private IOException explain(Exception e) {
            if (scope.timedOut()) return new UpstreamTimeoutException("no event before the attempt timeout");
            // Helidon's read timeout is set to the same budget and can fire a moment before the timer
            if (e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                return new UpstreamTimeoutException("no event within the read timeout");
            }
            if (scope.closedByCaller()) return new IOException("stream closed", e);
            return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }

        @Override public void close() throws IOException { in.close(); }
    }
}
