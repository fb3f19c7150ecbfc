package dev.junction.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.StateConfig;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract against the machine's Redis, under a key prefix of its own that is deleted afterwards. */
@Tag("redis")
class RedisCountersIT extends SharedCountersContract {
    static final RedisTestServer REDIS = new RedisTestServer();
    private static int instance;

    @BeforeAll static void requireServer() { REDIS.assumeReachable(); }

    @AfterAll static void cleanUp() { REDIS.deleteKeys(); }

    @Override protected SharedCounters create() {
        return RedisCounters.connect(REDIS.state("counters-" + (++instance) + ":"), InstantSource.system());
    }

    @Test
    void incrementWindow_newKey_expiresWithTheWindow() {
        WindowCount w = counters.incrementWindow("short", 1, Duration.ofSeconds(30));

        assertThat(REDIS.ttlMillis(REDIS.prefix() + "counters-" + instance + ":short")).isBetween(1L, 30_000L);
        assertThat(w.resetAt()).isAfter(java.time.Instant.now().plusSeconds(25));
    }

    @Test
    void calls_serverUnreachable_throwStateUnavailableWithoutCredentials() {
        SharedCounters down = RedisCounters.connect(new StateConfig(URI.create("redis://:pw-secret@127.0.0.1:1"), "x:"), InstantSource.system());
        try (down) {
            assertThatThrownBy(() -> down.incrementWindow("k", 1, Duration.ofMinutes(1)))
                    .isInstanceOf(StateUnavailableException.class)
                    .hasMessageContaining("redis://127.0.0.1:1")
                    .hasMessageNotContaining("pw-secret");
        }
    }
}
