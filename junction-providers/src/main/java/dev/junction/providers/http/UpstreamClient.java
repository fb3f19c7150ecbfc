package dev.junction.providers.http;

import dev.junction.config.ConfigDefaults;
import dev.junction.config.ProviderConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * POSTs bytes to one provider over HTTP/1.1 (TLS for {@code https}) on the calling thread, with a pool
 * of keep-alive connections per origin ({@link ProviderConfig#maxConnections()} idle ones kept),
 * TCP_NODELAY on, no redirects.
 *
 * <p><b>Timeouts.</b> Every call gets the attempt's whole time budget, not a per-read timeout: a
 * watchdog ({@link Deadlines}) closes the call's connection when the budget is spent, so a server that
 * stalls or trickles bytes cannot hold the caller, and the blocked read fails with
 * {@link UpstreamTimeoutException}. For a stream the budget runs on after the headers until
 * {@link UpstreamStream#firstEventArrived()}. Sockets carry no read timeout of their own: a timed read
 * costs a timer insert and wake-up per read on virtual threads, the watchdog costs a set insert per call.
 *
 * <p><b>Stale connections.</b> A pooled connection the server already closed fails the request before
 * any response byte arrives. Such a request is sent once more on a fresh connection within the same
 * budget; it is not a new attempt.
 *
 * <p><b>Cancelling.</b> An interrupt of the calling thread (a hedged attempt that lost) closes the socket
 * it is blocked on, as the JDK does for virtual threads, and the call ends with an
 * {@link InterruptedIOException}.
 *
 * <p>Thread-safe; one instance per configured provider.
 */
public final class UpstreamClient implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final ConnectionPool pool;
    private final Duration connectTimeout;
    private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();

    private UpstreamClient(int maxConnections, Duration connectTimeout) {
        this.pool = new ConnectionPool(maxConnections);
        this.connectTimeout = connectTimeout;
    }

    public static UpstreamClient create(ProviderConfig config) {
        int pool = config.maxConnections() == null ? ConfigDefaults.MAX_CONNECTIONS : config.maxConnections();
        return new UpstreamClient(pool, ConfigDefaults.ATTEMPT_TIMEOUT);
    }

    public static UpstreamClient create(int maxConnections) {
        return new UpstreamClient(maxConnections, ConfigDefaults.ATTEMPT_TIMEOUT);
    }

    /** Sends {@code body} and reads the whole answer, all within {@code timeout}. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        return post(uri, headers, RequestBytes.of(body), timeout);
    }

    /** Sends {@code body} and reads the whole answer, all within {@code timeout}. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, RequestBytes body, Duration timeout) throws IOException {
        CallScope scope = new CallScope();
        Deadlines.Armed deadline = Deadlines.shared().arm(timeout.toNanos(), scope::timeOut);
        try {
            Exchange ex = send(uri, headers, body, timeout, scope);
            byte[] bytes = ex.body.readAll(MAX_BODY_BYTES);
            ex.finish();
            return new UpstreamResponse(ex.head.status(), ex.head.headers(), bytes);
        } catch (IOException | RuntimeException e) {
            scope.fail();
            throw explain(e, scope, timeout);
        } finally {
            deadline.disarm();
        }
    }

    /**
     * Sends {@code body} and returns once the response headers arrived (within {@code timeout}); the
     * rest of the budget then applies to the stream's first event.
     */
    public UpstreamStream postStream(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        return postStream(uri, headers, RequestBytes.of(body), timeout);
    }

    /** {@link #postStream(URI, Map, byte[], Duration)} for a body that is the start of a buffer. */
    public UpstreamStream postStream(URI uri, Map<String, String> headers, RequestBytes body, Duration timeout) throws IOException {
        CallScope scope = new CallScope();
        Deadlines.Armed deadline = Deadlines.shared().arm(timeout.toNanos(), scope::timeOut);
        try {
            Exchange ex = send(uri, headers, body, timeout, scope);
            int status = ex.head.status();
            if (status >= 200 && status < 300) {
                return new UpstreamStream(status, ex.head.headers(), null, ex.body, scope, deadline, ex::finish, ex.connection);
            }
            byte[] error = ex.body.readAll(MAX_BODY_BYTES);
            deadline.disarm();
            ex.finish();
            return new UpstreamStream(status, ex.head.headers(), error, null, scope, null, () -> { }, null);
        } catch (IOException | RuntimeException e) {
            deadline.disarm();
            scope.fail();
            throw explain(e, scope, timeout);
        }
    }

    /** A request on its connection, with the answer's head read. */
    private final class Exchange {
        final Target target;
        final UpstreamConnection connection;
        final ResponseHead head;
        final ResponseBody body;
        final CallScope scope;

        Exchange(Target target, UpstreamConnection connection, ResponseHead head, CallScope scope) {
            this.target = target;
            this.connection = connection;
            this.head = head;
            this.body = new ResponseBody(connection, head);
            this.scope = scope;
        }

        /** The answer was read: a clean keep-alive connection goes back to the pool, any other is closed. */
        void finish() {
            connection.beforeBlockingRead(null);
            if (head.keepAlive() && body.atEnd() && connection.drained() && scope.detach()) {
                pool.release(target.origin, connection);
            } else {
                scope.fail();
                connection.close();
            }
        }
    }

    private Exchange send(URI uri, Map<String, String> headers, RequestBytes body, Duration timeout, CallScope scope) throws IOException {
        Target target = targets.get(uri);
        if (target == null) target = targets.computeIfAbsent(uri, Target::new);
        UpstreamConnection pooled = pool.take(target.origin);
        if (pooled != null) {
            scope.attach(pooled);
            try {
                pooled.write(target.prefix, headers, body);
                return new Exchange(target, pooled, pooled.readHead(), scope);
            } catch (IOException e) {
                // Only a failure before any answer can be a stale connection; a cut or an interrupted call is real.
                if (pooled.answered() || scope.aborted() || Thread.currentThread().isInterrupted()) throw e;
                pooled.close();
            }
        }
        UpstreamConnection fresh = UpstreamConnection.open(uri, connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout, scope);
        scope.attach(fresh);
        fresh.write(target.prefix, headers, body);
        return new Exchange(target, fresh, fresh.readHead(), scope);
    }

    private static IOException explain(Exception e, CallScope scope, Duration timeout) {
        if (scope.timedOut()) return new UpstreamTimeoutException("no response within " + timeout.toMillis() + " ms");
        if (Thread.currentThread().isInterrupted()) {
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for the upstream");
            ie.initCause(e);
            return ie;
        }
        if (scope.closedByCaller()) return new IOException("call closed by the caller", e);
        if (e instanceof IOException io) return io;
        return new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    @Override public void close() {
        pool.close();
    }

    /** What is fixed per URI: the pool key and the request line with its Host header. */
    private static final class Target {
        final String origin;
        final byte[] prefix;

        Target(URI uri) {
            this.origin = ConnectionPool.origin(uri);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
            String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            this.prefix = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
