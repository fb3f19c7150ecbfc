package dev.junction.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.health.ModelHealth.Permit;
import dev.junction.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelHealthTest {
    private final FakeClock clock = new FakeClock();
    private final ModelHealth health = new ModelHealth(clock, HealthPolicy.DEFAULTS);

    private void fail(int times) {
        for (int i = 0; i < times; i++) health.onFailure();
    }

    @Test
    void onFailure_fiveWithinWindow_opens() {
        fail(4);
        assertThat(health.state()).isEqualTo(BreakerState.CLOSED);

        fail(1);

        assertThat(health.state()).isEqualTo(BreakerState.OPEN);
        assertThat(health.acquire()).isEqualTo(Permit.CIRCUIT_OPEN);
    }

    @Test
    void onFailure_spreadBeyondWindow_staysClosed() {
        for (int i = 0; i < 10; i++) {
            health.onFailure();
            clock.advance(Duration.ofSeconds(8));
        }

        assertThat(health.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void acquire_afterOpenPeriod_letsExactlyOneProbeThrough() {
        fail(5);
        clock.advance(Duration.ofSeconds(10));

        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
        assertThat(health.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(health.acquire()).isEqualTo(Permit.CIRCUIT_OPEN);
    }

    @Test
    void probe_succeeds_closes() {
        fail(5);
        clock.advance(Duration.ofSeconds(10));
        health.acquire();

        health.onSuccess();

        assertThat(health.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void probe_fails_reopensForTheSameFixedPeriod() {
        fail(5);
        clock.advance(Duration.ofSeconds(10));
        health.acquire();

        health.onFailure();

        assertThat(health.state()).isEqualTo(BreakerState.OPEN);
        clock.advance(Duration.ofSeconds(9));
        assertThat(health.acquire()).isEqualTo(Permit.CIRCUIT_OPEN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void probe_abandoned_nextCallerMayProbe() {
        fail(5);
        clock.advance(Duration.ofSeconds(10));
        health.acquire();

        health.onNeutral();

        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void coolDown_withProviderWait_skipsUntilThen() {
        health.coolDown(Duration.ofSeconds(3));

        assertThat(health.acquire()).isEqualTo(Permit.COOLING_DOWN);
        clock.advance(Duration.ofSeconds(3));
        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
        assertThat(health.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void coolDown_withoutWait_usesDefaultFiveSeconds() {
        health.coolDown(null);

        clock.advance(Duration.ofMillis(4999));
        assertThat(health.acquire()).isEqualTo(Permit.COOLING_DOWN);
        clock.advance(Duration.ofMillis(1));
        assertThat(health.acquire()).isEqualTo(Permit.ALLOWED);
    }
}
