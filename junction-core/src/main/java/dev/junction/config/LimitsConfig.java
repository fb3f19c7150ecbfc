package dev.junction.config;

import java.util.Map;

/**
 * {@code limits.customers}: per customer id, with {@code default} for every id not listed. Requests that
 * name no customer are not limited here (a gateway key carries its own limits).
 *
 * @param customerDefault the {@code default} entry, or {@link LimitSpec#NONE}
 * @param customers       the entries named by customer id
 */
public record LimitsConfig(LimitSpec customerDefault, Map<String, LimitSpec> customers) {
    /** The key of the entry that applies to every customer id without its own. */
    public static final String DEFAULT = "default";

    public LimitsConfig {
        customerDefault = customerDefault == null ? LimitSpec.NONE : customerDefault;
        customers = customers == null ? Map.of() : Map.copyOf(customers);
    }

    public static LimitsConfig none() { return new LimitsConfig(LimitSpec.NONE, Map.of()); }

    /** The limits of {@code customerId}: its own entry, else the default; none for an anonymous request. */
    public LimitSpec forCustomer(String customerId) {
        if (customerId == null) return LimitSpec.NONE;
        return customers.getOrDefault(customerId, customerDefault);
    }
}
