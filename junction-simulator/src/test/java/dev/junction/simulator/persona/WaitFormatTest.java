package dev.junction.simulator.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitFormatTest {

    @Test
    void retryAfterSeconds_roundsUp() {
        assertThat(WaitFormat.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(WaitFormat.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo("3");
        assertThat(WaitFormat.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo("1");
    }

    @Test
    void protobufDuration_writesSecondsWithoutTrailingZeros() {
        assertThat(WaitFormat.protobufDuration(Duration.ofSeconds(47))).isEqualTo("47s");
        assertThat(WaitFormat.protobufDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(WaitFormat.protobufDuration(Duration.ofNanos(55_576_865_699L))).isEqualTo("55.576865699s");
    }

    @Test
    void goDuration_matchesOpenAiResetHeaders() {
        assertThat(WaitFormat.goDuration(Duration.ofMillis(12))).isEqualTo("12ms");
        assertThat(WaitFormat.goDuration(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(WaitFormat.goDuration(Duration.ofMillis(18642))).isEqualTo("18.642s");
        assertThat(WaitFormat.goDuration(Duration.ofMinutes(6))).isEqualTo("6m0s");
    }
}
