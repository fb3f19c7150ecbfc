package dev.junction.usage;

import dev.junction.catalog.Prices;
import dev.junction.model.Usage;

/**
 * Cost from per-million prices. Cache reads are billed at the cached price when the model has one;
 * reasoning tokens are output tokens and billed as such (OpenAI's meaning of the counts).
 */
public final class CostCalculator {
    private CostCalculator() {}

    /** USD for the usage, or null when the price is unknown. */
    public static Double cost(Prices prices, Usage usage) {
        if (prices == null) return null;
        long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
        double cachedPrice = prices.cachedInputPerMTok() != null ? prices.cachedInputPerMTok() : prices.inputPerMTok();
        double micro = (usage.inputTokens() - cached) * prices.inputPerMTok()
                + cached * cachedPrice
                + usage.outputTokens() * prices.outputPerMTok();
        // per-million prices: round to 1e-10 USD so sums stay stable across stores
        return Math.round(micro / 1_000_000d * 1e10) / 1e10;
    }
}
