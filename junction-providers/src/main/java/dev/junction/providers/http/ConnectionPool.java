package dev.junction.providers.http;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections of one provider, per origin (scheme, host, port). Most recently used first, so
 * a steady load keeps reusing a few warm connections and the rest age out; at most {@code maxIdle} are
 * kept per origin, and one idle for longer than {@link #MAX_IDLE_NANOS} is closed rather than reused
 * (servers drop idle connections; a stale one costs a resend).
 */
final class ConnectionPool implements AutoCloseable {
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final int maxIdle;
    private final ConcurrentHashMap<String, Idle> byOrigin = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ConnectionPool(int maxIdle) { this.maxIdle = Math.max(0, maxIdle); }

    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + ":" + UpstreamConnection.port(uri);
    }

    /** A pooled connection to {@code origin} that is still open, or null. */
    UpstreamConnection take(String origin) {
        Idle idle = byOrigin.get(origin);
        if (idle == null) return null;
        long now = System.nanoTime();
        UpstreamConnection c;
        while ((c = idle.connections.pollFirst()) != null) {
            idle.count.decrementAndGet();
            if (!c.isClosed() && now - c.idleSince < MAX_IDLE_NANOS) return c;
            c.close();
        }
        return null;
    }

    /** Keeps a connection whose last answer was read to its end; closes it when the pool is full or closed. */
    void release(String origin, UpstreamConnection c) {
        if (closed || c.isClosed()) {
            c.close();
            return;
        }
        Idle idle = byOrigin.get(origin);
        if (idle == null) idle = byOrigin.computeIfAbsent(origin, k -> new Idle());
        if (idle.count.incrementAndGet() > maxIdle) {
            idle.count.decrementAndGet();
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        idle.connections.offerFirst(c);
        if (closed) closeAll(); // close() ran meanwhile and may have missed this one
    }

    @Override public void close() {
        closed = true;
        closeAll();
    }

    private void closeAll() {
        for (Idle idle : byOrigin.values()) {
            UpstreamConnection c;
            while ((c = idle.connections.pollFirst()) != null) {
                idle.count.decrementAndGet();
                c.close();
            }
        }
    }

    private static final class Idle {
        final ConcurrentLinkedDeque<UpstreamConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }
}
