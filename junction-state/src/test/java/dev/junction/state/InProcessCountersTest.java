package dev.junction.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InProcessCountersTest extends SharedCountersContract {
    private final FakeClock clock = new FakeClock();

    @Override protected SharedCounters create() { return new InProcessCounters(clock); }

    @Test
    void incrementWindow_afterTheWindowEnds_startsFromZero() {
        WindowCount first = counters.incrementWindow("w", 5, Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        assertThat(counters.incrementWindow("w", 1, Duration.ofMinutes(1)).total()).isEqualTo(6);

        clock.advance(Duration.ofSeconds(1));
        WindowCount next = counters.incrementWindow("w", 1, Duration.ofMinutes(1));

        assertThat(next.total()).isEqualTo(1);
        assertThat(next.resetAt()).isEqualTo(first.resetAt().plus(Duration.ofMinutes(1)));
    }

    @Test
    void get_afterTtl_isZero() {
        counters.add("usd", 3, Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));

        assertThat(counters.get("usd")).isZero();
    }

    @Test
    void secondsUntilReset_partialSecond_roundsUpToAtLeastOne() {
        WindowCount w = counters.incrementWindow("w", 1, Duration.ofMillis(1500));

        assertThat(w.secondsUntilReset(clock.instant())).isEqualTo(2);
        assertThat(w.secondsUntilReset(clock.instant().plusSeconds(5))).isEqualTo(1);
    }
}
