package dev.junction.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void write_anyInstantOfFourDigitYears_readsBackTruncatedToItsDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = -62_167_219_200L + (long) (random.nextDouble() * 315_537_897_599L); // 0000-01-01 .. 9999-12-31
            Instant t = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            for (int digits : new int[] {3, 6, 9}) {
                byte[] b = new byte[IsoInstant.length(digits) + 2];
                int end = IsoInstant.write(b, 1, t, digits);
                assertThat(end).isEqualTo(1 + IsoInstant.length(digits));
                Instant back = Instant.parse(new String(b, 1, end - 1, StandardCharsets.US_ASCII));
                ChronoUnit unit = digits == 3 ? ChronoUnit.MILLIS : digits == 6 ? ChronoUnit.MICROS : ChronoUnit.NANOS;
                assertThat(back).isEqualTo(t.truncatedTo(unit));
            }
        }
    }

    @Test
    void write_yearOutsideFourDigits_writesNothing() {
        byte[] b = new byte[40];
        assertThat(IsoInstant.write(b, 0, Instant.parse("+10000-01-01T00:00:00Z"), 9)).isEqualTo(-1);
        assertThat(IsoInstant.write(b, 0, Instant.parse("-0001-12-31T23:59:59Z"), 9)).isEqualTo(-1);
        assertThat(b).containsOnly(0);
    }
}
