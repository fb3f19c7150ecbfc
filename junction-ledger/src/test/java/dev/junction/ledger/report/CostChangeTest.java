package dev.junction.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The decomposition's edge cases; the ordinary cases are checked on a seeded ledger in {@link ReportContract}. */
class CostChangeTest {

    @Test
    void compare_allThreeEffects_addUpToTheDelta() {
        // 10 requests x 1,000 tokens at 1e-6/token = 0.010 -> 20 requests x 1,500 tokens at 2e-6/token = 0.060
        // requests (20-10) x 0.001 = 0.010; tokens (1500-1000) x 1e-6 x 20 = 0.010; price (2e-6 - 1e-6) x 1500 x 20 = 0.030
        CostChangeRow r = CostChange.compare("t", "m", 10, 10_000, 0.010, 20, 30_000, 0.060);

        assertThat(r.deltaUsd()).isEqualTo(0.05);
        assertThat(r.requestsEffectUsd()).isEqualTo(0.01);
        assertThat(r.tokensEffectUsd()).isEqualTo(0.01);
        assertThat(r.priceEffectUsd()).isEqualTo(0.03);
        assertThat(r.driver()).isEqualTo(CostDriver.PRICE);
    }

    @Test
    void compare_fewerRequests_negativeRequestsEffect() {
        CostChangeRow r = CostChange.compare("t", "m", 4, 400, 0.004, 1, 100, 0.001);

        assertThat(r.deltaUsd()).isEqualTo(-0.003);
        assertThat(r.requestsEffectUsd()).isEqualTo(-0.003);
        assertThat(r.driver()).isEqualTo(CostDriver.REQUESTS);
    }

    @Test
    void compare_previousPeriodWithoutTokens_perRequestChangeCountsAsTokens() {
        // two failed requests before (no tokens, no cost), two served now: the price per token was never seen before
        CostChangeRow r = CostChange.compare("t", "m", 2, 0, 0.0, 2, 2_000, 0.004);

        assertThat(r.requestsEffectUsd()).isZero();
        assertThat(r.tokensEffectUsd()).isEqualTo(0.004);
        assertThat(r.priceEffectUsd()).isZero();
        assertThat(r.driver()).isEqualTo(CostDriver.TOKENS_PER_REQUEST);
    }

    @Test
    void compare_sameEverything_unchanged() {
        CostChangeRow r = CostChange.compare("t", "m", 3, 300, 0.003, 3, 300, 0.003);

        assertThat(r.deltaUsd()).isZero();
        assertThat(r.driver()).isEqualTo(CostDriver.UNCHANGED);
    }
}
