package dev.junction.gateway.access;

import dev.junction.config.AuthConfig;
import dev.junction.config.LimitsConfig;
import dev.junction.ledger.keys.GatewayKey;
import dev.junction.state.limits.Admission;
import dev.junction.state.limits.LimitChecker;
import dev.junction.state.limits.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What stands between a caller and routing: the gateway key (when {@code auth.mode: keys}), the key's
 * tasks, and the key's and customer's rate limits and budgets. The handler asks; the gate decides.
 */
public final class RequestGate {
    private final Supplier<KeyAuthenticator> keys;
    private final LimitChecker limits;

    /**
     * @param keys   gives the authenticator when keys are required (opened on first use, so an open gateway
     *               never touches the keys table)
     */
    public RequestGate(Supplier<KeyAuthenticator> keys, LimitChecker limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** A gate that lets everyone through: no keys, no limits. */
    public static RequestGate open() { return new RequestGate(() -> null, null); }

    /** The caller's key when keys are required; an open gateway admits everyone with no key. */
    public KeyAuthenticator.Result authenticate(AuthConfig auth, String authorizationHeader) {
        if (!auth.keysRequired()) return new KeyAuthenticator.Result(null, null);
        KeyAuthenticator k = keys.get();
        if (k == null) return new KeyAuthenticator.Result(null, new Refusal(503, "key_store_unavailable", "gateway keys are not available", null));
        return k.authenticate(authorizationHeader);
    }

    /** Null when the request may be routed; else why not. Counts the request against every per-minute window. */
    public Refusal admit(GatewayKey key, String task, String customerId, LimitsConfig customerLimits) {
        if (key != null && !key.allowsTask(task)) {
            return new Refusal(403, Refusal.TASK_NOT_ALLOWED, "gateway key '" + key.name() + "' may not use task '" + task
                    + "' (allowed: " + String.join(", ", key.tasks().stream().sorted().toList()) + ")", null);
        }
        if (limits == null) return null;
        List<Subject> subjects = new ArrayList<>(2);
        if (key != null && !key.limits().isEmpty()) subjects.add(Subject.key(key.id(), key.name(), key.limits()));
        var customer = customerLimits.forCustomer(customerId);
        if (!customer.isEmpty()) subjects.add(Subject.customer(customerId, customer));
        if (subjects.isEmpty()) return null;
        return switch (limits.admit(subjects)) {
            case Admission.Admitted a -> null;
            case Admission.Refused r -> new Refusal(429, r.code(), r.message(), r.retryAfterSeconds());
        };
    }
}
