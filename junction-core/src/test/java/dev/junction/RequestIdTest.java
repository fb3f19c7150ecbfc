package dev.junction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void newRequestId_always_isReqAnd32HexDigits() {
        assertThat(Junction.newRequestId()).matches("req_[0-9a-f]{32}");
    }

    @Test
    void newRequestId_startsWithCreationMillis_soIdsSortByTime() {
        long before = System.currentTimeMillis();
        String id = Junction.newRequestId();
        long after = System.currentTimeMillis();

        long millis = Long.parseLong(id.substring(4, 16), 16);
        assertThat(millis).isBetween(before, after);
        // a later millisecond always sorts after, whatever the random part
        String earlier = "req_" + String.format("%012x", before - 1) + "f".repeat(20);
        assertThat(id).isGreaterThan(earlier);
    }

    @Test
    void newRequestId_manyInTheSameMillisecond_areDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) ids.add(Junction.newRequestId());
        assertThat(ids).hasSize(100_000);
    }
}
