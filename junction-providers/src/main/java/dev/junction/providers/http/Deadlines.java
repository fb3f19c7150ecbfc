package dev.junction.providers.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts upstream calls whose time is up. One daemon thread sleeps until the earliest deadline in
 * flight (at most {@link #MAX_SLEEP_NANOS}), then runs the expiry action (closing the call's
 * connection) of every call past its deadline. A call armed with a deadline earlier than the one the
 * thread sleeps towards wakes it; one armed while it scans makes it scan again.
 *
 * <p>Why not a timed wait per call: a timed park or a scheduled task costs a timer-queue insert and
 * removal and, on virtual threads, wake-ups of the JDK's delay scheduler on every request, which
 * profiling showed as a sixth of the gateway's CPU. Arming and disarming here is a set insert and
 * removal. Why not a fixed tick: waking every 5 ms to look cost ~1 us per request at 12,000 requests
 * a second (a wake-up is a context switch), while deadlines are seconds away; the thread now wakes
 * when one is due, and sleeps untimed while nothing is in flight.
 */
final class Deadlines {
    /** The longest sleep: bounds how late a deadline could fire should an arm and a scan ever race unseen. */
    static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Deadlines SHARED = new Deadlines();

    // what the watchdog is doing; arm() reads it to decide whether to wake it
    private static final int SCANNING = 0, SLEEPING = 1, IDLE = 2;

    private final Set<Armed> pending = ConcurrentHashMap.newKeySet();
    private final long maxSleepNanos;
    private final Thread watchdog;
    private volatile int state = SCANNING;
    private volatile long wakeAt; // the nanoTime the watchdog sleeps towards, while SLEEPING; written before state

    private Deadlines() { this(MAX_SLEEP_NANOS); }

    /** A watchdog of its own (tests); {@code maxSleepNanos} bounds each sleep. */
    Deadlines(long maxSleepNanos) {
        this.maxSleepNanos = maxSleepNanos;
        watchdog = Thread.ofPlatform().daemon().name("junction-upstream-deadlines").unstarted(this::run);
        watchdog.start();
    }

    static Deadlines shared() { return SHARED; }

    /** Runs {@code onExpiry} once {@code nanos} from now have passed, unless {@link Armed#disarm()} came first. */
    Armed arm(long nanos, Runnable onExpiry) {
        Armed a = new Armed(System.nanoTime() + Math.max(0, nanos), onExpiry);
        pending.add(a);
        // added before reading the state: a scan that starts later sees the call; one under way or a
        // sleep towards a later time is cut short (an unpark before the park makes the park return)
        int s = state;
        if (s != SLEEPING || a.at - wakeAt < 0) LockSupport.unpark(watchdog);
        return a;
    }

    /** A deadline in force. */
    final class Armed {
        private final long at;
        private final Runnable onExpiry;

        private Armed(long at, Runnable onExpiry) {
            this.at = at;
            this.onExpiry = onExpiry;
        }

        /** The call ended or made progress in time; idempotent. */
        void disarm() { pending.remove(this); }
    }

    private void run() {
        while (true) {
            state = SCANNING;
            long now = System.nanoTime();
            long next = now + maxSleepNanos;
            for (Armed a : pending) {
                if (now - a.at >= 0) {
                    if (pending.remove(a)) expire(a);
                } else if (a.at - next < 0) {
                    next = a.at;
                }
            }
            if (pending.isEmpty()) {
                state = IDLE;
                // re-checked after announcing it: an arm() racing with this either sees IDLE (and
                // unparks) or its call is seen here
                if (pending.isEmpty()) LockSupport.park(this);
            } else {
                wakeAt = next;
                state = SLEEPING;
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
    }

    private static void expire(Armed a) {
        try {
            a.onExpiry.run();
        } catch (RuntimeException e) {
            // closing a connection must not stop the watchdog
        }
    }
}
