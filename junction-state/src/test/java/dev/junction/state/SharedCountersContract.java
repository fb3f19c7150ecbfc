package dev.junction.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SharedCounters} promises, whatever the store: run once per implementation. */
abstract class SharedCountersContract {
    protected SharedCounters counters;

    protected abstract SharedCounters create();

    @BeforeEach void open() { counters = create(); }

    @AfterEach void closeCounters() { counters.close(); }

    @Test
    void incrementWindow_severalCalls_sumsAndKeepsTheFirstCallsReset() {
        WindowCount first = counters.incrementWindow("w", 2, Duration.ofMinutes(1));
        WindowCount second = counters.incrementWindow("w", 3, Duration.ofMinutes(1));

        assertThat(first.total()).isEqualTo(2);
        assertThat(second.total()).isEqualTo(5);
        assertThat(Duration.between(first.resetAt(), second.resetAt()).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(counters.incrementWindow("w", 0, Duration.ofMinutes(1)).total()).isEqualTo(5);
    }

    @Test
    void incrementWindow_concurrentCallers_loseNoIncrement() throws Exception {
        int threads = 8;
        int each = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> maxima = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                maxima.add(pool.submit(() -> {
                    start.await();
                    long max = 0;
                    for (int i = 0; i < each; i++) max = Math.max(max, counters.incrementWindow("race", 1, Duration.ofMinutes(1)).total());
                    return max;
                }));
            }
            start.countDown();
            long highest = 0;
            for (Future<Long> f : maxima) highest = Math.max(highest, f.get());
            assertThat(highest).isEqualTo(threads * each);
        }
    }

    @Test
    void add_decimalAmounts_accumulateAndReadBack() {
        counters.add("usd", 0.25, Duration.ofDays(1));
        double total = counters.add("usd", 0.5, Duration.ofDays(1));

        assertThat(total).isEqualTo(0.75);
        assertThat(counters.get("usd")).isEqualTo(0.75);
        assertThat(counters.get("never-written")).isZero();
    }

    @Test
    void raiseTo_smallerValue_keepsTheLarger() {
        assertThat(counters.raiseTo("until", 1_000, Duration.ofMinutes(1))).isEqualTo(1_000);
        assertThat(counters.raiseTo("until", 500, Duration.ofMinutes(1))).isEqualTo(1_000);
        assertThat(counters.raiseTo("until", 2_000, Duration.ofMinutes(1))).isEqualTo(2_000);
    }
}
