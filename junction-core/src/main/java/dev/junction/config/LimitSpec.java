package dev.junction.config;

/**
 * Limits on one caller (a gateway key or a customer id). A null field means no limit of that kind.
 *
 * @param rpm               requests per minute
 * @param tpm               tokens (input plus output) per minute
 * @param budgetUsdPerDay   spend per UTC day
 * @param budgetUsdPerMonth spend per UTC calendar month
 */
public record LimitSpec(Integer rpm, Long tpm, Double budgetUsdPerDay, Double budgetUsdPerMonth) {
    public static final LimitSpec NONE = new LimitSpec(null, null, null, null);

    public boolean isEmpty() { return rpm == null && tpm == null && budgetUsdPerDay == null && budgetUsdPerMonth == null; }
}
