package dev.junction.state.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterNamesTest {
    private final Subject acme = Subject.customer("acme", null);

    @Test
    void spendCounters_areNamedAfterTheUtcDayAndMonth_acrossMidnightAndBack() {
        Instant lastSecondOfNovember = Instant.parse("2026-11-30T23:59:59.999Z");
        Instant firstOfDecember = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(CounterNames.spendDay(acme, lastSecondOfNovember)).isEqualTo("usd:day:2026-11-30:customer:acme");
        assertThat(CounterNames.spendMonth(acme, lastSecondOfNovember)).isEqualTo("usd:month:2026-11:customer:acme");
        assertThat(CounterNames.spendDay(acme, firstOfDecember)).isEqualTo("usd:day:2026-12-01:customer:acme");
        assertThat(CounterNames.spendMonth(acme, firstOfDecember)).isEqualTo("usd:month:2026-12:customer:acme");
        // an earlier instant after a later one (threads race at midnight) still gets its own day
        assertThat(CounterNames.spendDay(acme, lastSecondOfNovember)).isEqualTo("usd:day:2026-11-30:customer:acme");
        assertThat(CounterNames.spendDay(Subject.key("key_1", "svc", null), Instant.parse("1969-12-31T23:00:00Z")))
                .isEqualTo("usd:day:1969-12-31:key:key_1");
    }
}
