package dev.junction.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.catalog.Prices;
import dev.junction.model.Usage;
import org.junit.jupiter.api.Test;

/** Costs worked out by hand: (uncached input x input price + cached x cached price + output x output price) / 1e6. */
class CostCalculatorTest {
    private static final Prices WITH_CACHE = new Prices(2.00, 8.00, 0.50);
    private static final Prices NO_CACHE_PRICE = new Prices(2.00, 8.00, null);

    @Test
    void cost_cachedInput_billedAtCachedPrice() {
        // 8,000 x 2.00 + 2,000 x 0.50 + 3,000 x 8.00 = 16,000 + 1,000 + 24,000 = 41,000 micro-USD
        assertThat(CostCalculator.cost(WITH_CACHE, new Usage(10_000, 2_000, 3_000, 0))).isEqualTo(0.041);
    }

    @Test
    void cost_reasoningTokens_billedAsOutputOnce() {
        // reasoning is part of the 3,000 output tokens: same 0.041, not 0.041 + 1,000 x 8.00
        assertThat(CostCalculator.cost(WITH_CACHE, new Usage(10_000, 2_000, 3_000, 1_000))).isEqualTo(0.041);
    }

    @Test
    void cost_noCachedPrice_cachedInputBilledAsInput() {
        // 10,000 x 2.00 + 3,000 x 8.00 = 44,000 micro-USD
        assertThat(CostCalculator.cost(NO_CACHE_PRICE, new Usage(10_000, 2_000, 3_000, 0))).isEqualTo(0.044);
    }

    @Test
    void cost_catalogLikePrices_roundsToTenthOfNanoDollar() {
        // gpt-4.1-mini: 1,000 x 0.40 + 234 x 0.10 + 567 x 1.60 = 400 + 23.4 + 907.2 = 1,330.6 micro-USD
        assertThat(CostCalculator.cost(new Prices(0.40, 1.60, 0.10), new Usage(1_234, 234, 567, 0))).isEqualTo(0.0013306);
    }

    @Test
    void cost_cachedMoreThanInput_cachedCappedAtInput() {
        // a provider reporting 500 cache reads of 100 input tokens: all 100 at 0.50, none at 2.00; 10 x 8.00 output
        assertThat(CostCalculator.cost(WITH_CACHE, new Usage(100, 500, 10, 0))).isEqualTo(0.00013);
    }

    @Test
    void cost_unknownPrice_null() {
        assertThat(CostCalculator.cost(null, new Usage(10, 10))).isNull();
    }

    @Test
    void cost_noTokens_zero() {
        assertThat(CostCalculator.cost(WITH_CACHE, Usage.ZERO)).isZero();
    }
}
