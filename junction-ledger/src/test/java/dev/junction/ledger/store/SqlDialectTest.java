package dev.junction.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlDialectTest {
    // the stored form the interface documents: fixed-width ISO-8601, microseconds, UTC
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void textTimeIsTheFixedWidthIsoFormAndReadsBack() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            // 0000-01-01 .. 9999-12-31, any microsecond
            long seconds = -62_167_219_200L + (long) (random.nextDouble() * 315_537_897_599L);
            Instant t = SqlDialect.storedPrecision(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));
            String text = SqlDialect.textTime(t);
            assertThat(text).isEqualTo(STORED.format(t));
            assertThat(Instant.parse(text)).isEqualTo(t);
        }
    }

    @Test
    void textTimeKeepsTheEdgesOfTheDayAndTheEpoch() {
        for (String s : new String[] {"1970-01-01T00:00:00.000000Z", "1969-12-31T23:59:59.999999Z",
                "2026-11-26T23:59:59.000001Z", "2024-02-29T12:00:00.500000Z", "0000-01-01T00:00:00.000000Z",
                "9999-12-31T23:59:59.999999Z"}) {
            assertThat(SqlDialect.textTime(Instant.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void yearsBeyondFourDigitsStillFormat() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(SqlDialect.textTime(far)).isEqualTo(STORED.format(far));
    }
}
