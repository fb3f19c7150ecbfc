package dev.junction.state.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.LimitSpec;
import dev.junction.event.RequestInfo;
import dev.junction.model.Usage;
import dev.junction.state.InProcessCounters;
import dev.junction.state.SharedCounters;
import dev.junction.state.StateUnavailableException;
import dev.junction.state.WindowCount;
import dev.junction.testing.FakeClock;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitCheckerTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T23:59:00Z"));
    private final InProcessCounters counters = new InProcessCounters(clock);
    private final LimitChecker checker = new LimitChecker(counters, clock);
    private final UsageRecorder recorder = new UsageRecorder(counters, clock);

    private static Subject key(LimitSpec l) { return Subject.key("key_1", "svc-billing", l); }

    private void finished(String keyId, String customer, long tokens, Double cost) {
        RequestInfo info = new RequestInfo("req_x", "chat", customer, Map.of(), false, keyId, clock.instant());
        recorder.requestEnd(info, new UsageRecord(clock.instant(), "req_x", customer, "chat", null, "a/b", "a", false, 1,
                new Usage(tokens / 2, tokens - tokens / 2), cost, 10, null, false, UsageStatus.OK, null, Map.of(), keyId,
                List.of(), null));
    }

    @Test
    void admit_overRequestsPerMinute_refusesWithSecondsToWindowEnd() {
        LimitSpec limits = new LimitSpec(2, null, null, null);
        assertThat(checker.admit(List.of(key(limits)))).isEqualTo(Admission.ADMITTED);
        clock.advance(Duration.ofSeconds(20));
        assertThat(checker.admit(List.of(key(limits)))).isEqualTo(Admission.ADMITTED);

        Admission third = checker.admit(List.of(key(limits)));

        assertThat(third).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertThat(r.code()).isEqualTo("rate_limit_exceeded");
            assertThat(r.retryAfterSeconds()).isEqualTo(40);
            assertThat(r.message()).contains("key 'svc-billing'").contains("2 requests per minute");
        });
        clock.advance(Duration.ofSeconds(40));
        assertThat(checker.admit(List.of(key(limits)))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void admit_dailySpendReached_refusesUntilUtcMidnight() {
        LimitSpec limits = new LimitSpec(null, null, 0.01, null);
        finished("key_1", null, 100, 0.006);
        assertThat(checker.admit(List.of(key(limits)))).isEqualTo(Admission.ADMITTED);
        finished("key_1", null, 100, 0.006);

        Admission refused = checker.admit(List.of(key(limits)));

        assertThat(refused).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertThat(r.code()).isEqualTo("budget_exceeded");
            assertThat(r.retryAfterSeconds()).isEqualTo(60);
        });
        clock.advance(Duration.ofMinutes(1)); // a new UTC day
        assertThat(checker.admit(List.of(key(limits)))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void admit_monthlyBudgetOfCustomer_countsEveryKeyOfThatCustomer() {
        LimitSpec customerLimits = new LimitSpec(null, null, null, 1.0);
        finished("key_1", "acme", 10, 0.6);
        finished("key_2", "acme", 10, 0.5);

        Admission refused = checker.admit(List.of(Subject.key("key_3", "other", LimitSpec.NONE), Subject.customer("acme", customerLimits)));

        assertThat(refused).isInstanceOfSatisfying(Admission.Refused.class, r -> {
            assertThat(r.code()).isEqualTo("budget_exceeded");
            assertThat(r.message()).contains("customer 'acme'").contains("monthly");
        });
    }

    @Test
    void admit_tokensPerMinuteUsed_refusesAsRateLimit() {
        LimitSpec limits = new LimitSpec(null, 1000L, null, null);
        checker.admit(List.of(key(limits)));
        finished("key_1", null, 1200, null);

        assertThat(checker.admit(List.of(key(limits)))).isInstanceOfSatisfying(Admission.Refused.class,
                r -> assertThat(r.code()).isEqualTo("rate_limit_exceeded"));
    }

    @Test
    void admit_refusedForBudget_doesNotUseARequestSlot() {
        LimitSpec limits = new LimitSpec(1, null, 0.01, null);
        finished("key_1", null, 10, 0.02);
        checker.admit(List.of(key(limits)));

        assertThat(counters.incrementWindow("rpm:key:key_1", 0, Duration.ofMinutes(1)).total()).isZero();
    }

    @Test
    void admit_storeUnavailable_failsOpen() {
        SharedCounters down = new SharedCounters() {
            @Override public WindowCount incrementWindow(String k, long a, Duration w) { throw new StateUnavailableException("down", null); }
            @Override public double add(String k, double a, Duration t) { throw new StateUnavailableException("down", null); }
            @Override public double get(String k) { throw new StateUnavailableException("down", null); }
            @Override public long raiseTo(String k, long v, Duration t) { throw new StateUnavailableException("down", null); }
            @Override public void close() {}
        };

        assertThat(new LimitChecker(down, clock).admit(List.of(key(new LimitSpec(1, 1L, 1.0, 1.0))))).isEqualTo(Admission.ADMITTED);
    }
}
