package dev.junction.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog that cuts upstream calls: on time, never early, never for a disarmed call. */
class DeadlinesTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Records when its deadline fired. */
    private static final class Probe implements Runnable {
        final long armedAt = System.nanoTime();
        final AtomicLong firedAt = new AtomicLong();
        final CountDownLatch fired = new CountDownLatch(1);

        @Override public void run() {
            firedAt.set(System.nanoTime());
            fired.countDown();
        }

        long firedAfterMs() { return (firedAt.get() - armedAt) / MS; }
    }

    @Test
    void firesOnceItsTimeHasPassed_notBefore() throws InterruptedException {
        Deadlines deadlines = new Deadlines(Deadlines.MAX_SLEEP_NANOS);
        Probe probe = new Probe();
        deadlines.arm(50 * MS, probe);
        assertThat(probe.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.firedAfterMs()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aDisarmedCall_isNeverCut() throws InterruptedException {
        Deadlines deadlines = new Deadlines(Deadlines.MAX_SLEEP_NANOS);
        Probe probe = new Probe();
        deadlines.arm(30 * MS, probe).disarm();
        assertThat(probe.fired.await(300, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void anEarlierDeadline_wakesAWatchdogSleepingTowardsALaterOne() throws InterruptedException {
        // sleeps of up to 60 s: without the wake-up, the short deadline would fire a minute late
        Deadlines deadlines = new Deadlines(TimeUnit.SECONDS.toNanos(60));
        Probe late = new Probe();
        deadlines.arm(TimeUnit.SECONDS.toNanos(30), late);
        Thread.sleep(50); // the watchdog has scanned and sleeps towards the 30-s deadline
        Probe early = new Probe();
        deadlines.arm(20 * MS, early);
        assertThat(early.fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(early.firedAfterMs()).isGreaterThanOrEqualTo(20);
        assertThat(late.fired.getCount()).isEqualTo(1);
    }

    @Test
    void manyCallsArmedAtOnce_eachFiresAfterItsOwnDeadline() throws InterruptedException {
        Deadlines deadlines = new Deadlines(TimeUnit.SECONDS.toNanos(60));
        List<Probe> probes = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        List<Deadlines.Armed> disarmed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long waitMs = 5 + ThreadLocalRandom.current().nextInt(150);
            Probe p = new Probe();
            Deadlines.Armed armed = deadlines.arm(waitMs * MS, p);
            if (i % 4 == 0) disarmed.add(armed);
            else {
                probes.add(p);
                waits.add(waitMs);
            }
        }
        disarmed.forEach(Deadlines.Armed::disarm);
        for (int i = 0; i < probes.size(); i++) {
            assertThat(probes.get(i).fired.await(10, TimeUnit.SECONDS)).as("call %d fired", i).isTrue();
            assertThat(probes.get(i).firedAfterMs()).as("call %d not early", i).isGreaterThanOrEqualTo(waits.get(i));
        }
    }

    @Test
    void afterEverythingFired_theIdleWatchdogStillAnswersANewCall() throws InterruptedException {
        Deadlines deadlines = new Deadlines(TimeUnit.SECONDS.toNanos(60));
        Probe first = new Probe();
        deadlines.arm(10 * MS, first);
        assertThat(first.fired.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // nothing in flight: the watchdog parks without a time limit
        Probe second = new Probe();
        deadlines.arm(10 * MS, second);
        assertThat(second.fired.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
