package dev.junction.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JunctionHeadersTest {
    @Test
    void usd_printsWhatPercentPoint8fPrints() {
        // the cost header's text is part of the interface: the fast path must not change a digit
        double[] fixed = {0, 0.000021, 0.0000000049999, 0.000000005, 0.000000015, 1.23456789499, 12.5, 1e-12, 3e-9, 1234567.891};
        for (double c : fixed) assertThat(JunctionHeaders.usd(c)).as("%s", c).isEqualTo(String.format(Locale.ROOT, "%.8f", c));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            double c = random.nextDouble() * Math.pow(10, random.nextInt(-9, 4));
            assertThat(JunctionHeaders.usd(c)).as("%s", c).isEqualTo(String.format(Locale.ROOT, "%.8f", c));
        }
    }
}
