package dev.junction.state.limits;

import dev.junction.config.LimitSpec;
import java.util.Objects;

/**
 * Who a limit applies to: a gateway key or a customer id, with its limits.
 *
 * @param kind  {@code key} or {@code customer}; part of every counter's name, so a key and a customer with
 *              the same id never share counters
 * @param id    the key's id or the customer id
 * @param label what messages call it (a key's name, never the key)
 */
public record Subject(String kind, String id, String label, LimitSpec limits) {
    public static final String KEY = "key";
    public static final String CUSTOMER = "customer";

    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        limits = limits == null ? LimitSpec.NONE : limits;
    }

    public static Subject key(String id, String name, LimitSpec limits) { return new Subject(KEY, id, name, limits); }

    public static Subject customer(String id, LimitSpec limits) { return new Subject(CUSTOMER, id, id, limits); }

    String describe() { return kind + " '" + label + "'"; }
}
