package dev.junction.gateway.server;

import dev.junction.Junction;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Junction that serves, swapped atomically by a config reload.
 *
 * <h2>Retiring the old one</h2>
 * A request takes a {@link Lease} for its whole life (a stream included) and so keeps the Junction it
 * started on. {@link #swap} publishes the new Junction first, then marks the old generation retired; the
 * old Junction is closed (its upstream connections released) when its last lease ends, or after the
 * grace period if a request never ends. {@link #acquire} increments the generation's count of leases and
 * then re-checks that it was not retired in between; when it was, it lets go and takes the current one.
 * Because the increment and the retired flag are each atomic and checked in opposite orders, either
 * the retirer sees the lease or the lease sees the retirement: a request never starts on a closed
 * Junction.
 */
public final class JunctionHolder implements Supplier<Junction>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JunctionHolder.class);

    private final AtomicReference<Generation> current;
    private final Duration grace;
    private final Set<Generation> retiring = ConcurrentHashMap.newKeySet();
    /** Forces retired generations closed after the grace; started by the first retirement. */
    private ScheduledExecutorService timer;

    public JunctionHolder(Junction first, Duration grace) {
        this.current = new AtomicReference<>(new Generation(first, 1));
        this.grace = grace;
    }

    /** The current Junction, for calls that do not outlive the moment (listing models). */
    @Override public Junction get() { return current.get().junction; }

    /** The current config's version: 1 at start, one more per successful reload. */
    public int version() { return current.get().version; }

    /** Keeps the current Junction open until the lease is closed. */
    public Lease acquire() {
        while (true) {
            Generation g = current.get();
            g.leases.incrementAndGet();
            if (!g.retired) return new Lease(g);
            g.release(); // retired between the read and the increment: take the newer one
        }
    }

    /** Serves {@code next} from now on; the previous Junction closes once its requests are done. Returns the new version. */
    public synchronized int swap(Junction next) {
        Generation old = current.get();
        Generation g = new Generation(next, old.version + 1);
        current.set(g);
        retire(old);
        return g.version;
    }

    private void retire(Generation g) {
        retiring.add(g);
        g.retired = true;
        if (g.leases.get() == 0) g.closeOnce();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "junction-retire");
                t.setDaemon(true);
                return t;
            });
        }
        timer.schedule(() -> {
            if (!g.closed.get()) {
                log.warn("closing config version {} with {} requests still running after {} ms", g.version, g.leases.get(), grace.toMillis());
                g.closeOnce();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Retires the current Junction and waits (up to the grace period) until every generation is closed. */
    @Override
    public synchronized void close() {
        retire(current.get());
        long deadline = System.nanoTime() + grace.toNanos();
        for (Generation g : retiring) {
            while (!g.closed.get() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            g.closeOnce();
        }
        timer.shutdownNow();
    }

    /** One request's hold on a Junction. */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Generation generation) { this.generation = generation; }

        public Junction junction() { return generation.junction; }

        @Override public void close() {
            if (released.compareAndSet(false, true)) generation.release();
        }
    }

    private final class Generation {
        final Junction junction;
        final int version;
        final AtomicInteger leases = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean retired;

        Generation(Junction junction, int version) {
            this.junction = junction;
            this.version = version;
        }

        void release() {
            if (leases.decrementAndGet() == 0 && retired) closeOnce();
        }

        void closeOnce() {
            if (!closed.compareAndSet(false, true)) return;
            retiring.remove(this);
            try {
                junction.close();
            } catch (RuntimeException e) {
                log.warn("closing config version {} failed", version, e);
            }
        }
    }
}
