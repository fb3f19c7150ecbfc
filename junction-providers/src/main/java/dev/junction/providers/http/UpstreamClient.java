package dev.junction.providers.http;

import dev.junction.config.ConfigDefaults;
import dev.junction.config.ProviderConfig;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ConnectedSocketChannelInfo;
import io.helidon.webclient.api.ConnectedSocketInfo;
import io.helidon.webclient.api.ConnectionListener;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.spi.WebClientService;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs bytes to one provider over HTTP/1.1 with Helidon's WebClient: a keep-alive connection pool
 * sized from {@link ProviderConfig#maxConnections()}, TCP_NODELAY on, no redirects.
 *
 * <p><b>Timeouts.</b> Every call gets the attempt's whole time budget, not a per-read timeout: the
 * exchange (connect, write, response headers and, for {@link #post}, the full body) runs on its own
 * virtual thread while the caller waits at most {@code timeout}. When it is spent the connection is
 * closed and the worker interrupted (a virtual thread blocked on a socket is released by closing it),
 * so a server that stalls or trickles bytes cannot hold the caller. For a stream, the budget runs on
 * after the headers until {@link UpstreamStream#firstEventArrived()}.
 *
 * <p><b>Stale connections.</b> A pooled connection the server already closed fails the request before
 * any response byte arrives. Such a request, when it went out on a reused connection, is sent once more
 * on a fresh one (never pooled) within the same budget; it is not a new attempt.
 *
 * <p>Thread-safe; one instance per configured provider.
 */
public final class UpstreamClient implements AutoCloseable {
    private static final ThreadLocal<CallScope> SCOPE = new ThreadLocal<>();
    private static final ScheduledExecutorService TIMER = newTimer();

    private final WebClient client;

    /**
     * The streams' first-event deadlines. A deadline is cancelled as soon as the first event arrives;
     * removing it from the queue then matters, or each would hold its call until the full timeout.
     */
    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "junction-upstream-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private UpstreamClient(int maxConnections, Duration connectTimeout) {
        this.client = WebClient.builder()
                .servicesDiscoverServices(false)
                .connectionCacheSize(maxConnections)
                .shareConnectionCache(false)
                .followRedirects(false)
                .keepAlive(true)
                .socketOptions(o -> o.tcpNoDelay(true).connectTimeout(connectTimeout))
                .connectionListener(new FreshConnectionListener())
                .addService(new ConnectionCapture())
                .build();
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
        CallScope scope = new CallScope();
        return withinBudget(timeout, scope, () -> {
            try (HttpClientResponse response = sendWithResend(uri, headers, body, timeout, scope)) {
                byte[] bytes = response.inputStream().readAllBytes();
                return new UpstreamResponse(response.status().code(), lowerCaseHeaders(response), bytes);
            }
        });
    }

    /**
     * Sends {@code body} and returns once the response headers arrived (within {@code timeout}); the
     * rest of the budget then applies to the stream's first event.
     */
    public UpstreamStream postStream(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long start = System.nanoTime();
        CallScope scope = new CallScope();
        UpstreamStream stream = withinBudget(timeout, scope, () -> {
            HttpClientResponse response = sendWithResend(uri, headers, body, timeout, scope);
            int status = response.status().code();
            Map<String, List<String>> responseHeaders = lowerCaseHeaders(response);
            if (status >= 200 && status < 300) {
                return new UpstreamStream(status, responseHeaders, null, response.inputStream(), scope, response);
            }
            try (response) {
                byte[] error = response.inputStream().readAllBytes();
                return new UpstreamStream(status, responseHeaders, error, null, scope, response);
            }
        });
        if (stream.successful()) {
            long left = timeout.toNanos() - (System.nanoTime() - start);
            stream.armDeadline(TIMER.schedule(scope::timeOut, Math.max(left, 0), TimeUnit.NANOSECONDS));
        }
        return stream;
    }

    private HttpClientResponse sendWithResend(URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                                              CallScope scope) {
        try {
            return send(uri, headers, body, timeout, true);
        } catch (RuntimeException e) {
            // Only a failure before any response on a connection taken from the pool can be a stale
            // connection; a refused connect or an interrupted call is a real failure.
            if (scope.openedFreshConnection() || scope.timedOut() || Thread.currentThread().isInterrupted()
                    || e.getCause() instanceof ConnectException || e.getCause() instanceof UnknownHostException) {
                throw e;
            }
            scope.resetForResend();
            return send(uri, headers, body, timeout, false);
        }
    }

    private HttpClientResponse send(URI uri, Map<String, String> headers, byte[] body, Duration timeout, boolean keepAlive) {
        HttpClientRequest request = client.post().uri(uri).readTimeout(timeout).keepAlive(keepAlive);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request.header(HeaderNames.create(h.getKey()), h.getValue());
        }
        return request.submit(body);
    }

    private static <T> T withinBudget(Duration timeout, CallScope scope, Callable<T> exchange) throws IOException {
        FutureTask<T> task = new FutureTask<>(() -> {
            SCOPE.set(scope);
            try {
                return exchange.call();
            } finally {
                SCOPE.remove();
            }
        });
        Thread worker = Thread.ofVirtual().name("junction-upstream").start(task);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            scope.timeOut();
            worker.interrupt();
            throw new UpstreamTimeoutException("no response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            scope.closeByCaller();
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upstream");
        } catch (ExecutionException e) {
            throw asIOException(e.getCause(), scope);
        }
    }

    private static IOException asIOException(Throwable t, CallScope scope) {
        // Helidon's read timeout is set to the same budget, so its SocketTimeoutException can beat the
        // caller's wait by a hair; either way the attempt's time ran out
        if (scope.timedOut() || isSocketTimeout(t)) return new UpstreamTimeoutException("no response within the attempt timeout");
        if (t instanceof IOException io) return io;
        if (t instanceof UncheckedIOException u) return u.getCause();
        if (t instanceof Error err) throw err;
        return new IOException(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), t);
    }

    private static boolean isSocketTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException) return true;
        }
        return false;
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpClientResponse response) {
        Map<String, List<String>> out = new HashMap<>();
        for (Header h : response.headers()) {
            out.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(h.allValues());
        }
        return out;
    }

    @Override public void close() {
        client.closeResource();
    }

    /** Tells the call in progress on this thread that Helidon had to open a new connection for it. */
    private static final class FreshConnectionListener implements ConnectionListener {
        @Override public void socketConnected(ConnectedSocketInfo info) { mark(); }

        @Override public void socketChannelConnected(ConnectedSocketChannelInfo info) { mark(); }

        private static void mark() {
            CallScope scope = SCOPE.get();
            if (scope != null) scope.freshConnectionOpened();
        }
    }

    /** Hands the connection a response arrived on to the call's scope, so a timer or close() can cut it. */
    private static final class ConnectionCapture implements WebClientService {
        @Override public WebClientServiceResponse handle(Chain chain, WebClientServiceRequest request) {
            WebClientServiceResponse response = chain.proceed(request);
            CallScope scope = SCOPE.get();
            if (scope != null) scope.attach(response.connection());
            return response;
        }

        @Override public String name() { return "junction-connection-capture"; }

        @Override public String type() { return "junction-connection-capture"; }
    }
}
