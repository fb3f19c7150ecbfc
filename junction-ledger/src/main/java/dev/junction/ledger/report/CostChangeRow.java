package dev.junction.ledger.report;

/**
 * How the cost of one task on one model changed between two periods of equal length, and why.
 * {@code requestsEffectUsd + tokensEffectUsd + priceEffectUsd = deltaUsd} (see {@link CostChange}).
 *
 * @param requestsEffectUsd the part of the change due to more (or fewer) requests at the old cost per request
 * @param tokensEffectUsd   the part due to more (or fewer) tokens per request, at the old cost per token
 * @param priceEffectUsd    the part due to a different cost per token: a price change, or a different
 *                          mix of input, cached input and output tokens
 */
public record CostChangeRow(String task, String model, long previousRequests, long currentRequests,
                            double previousCostUsd, double currentCostUsd, double deltaUsd, double requestsEffectUsd,
                            double tokensEffectUsd, double priceEffectUsd, CostDriver driver) {}
