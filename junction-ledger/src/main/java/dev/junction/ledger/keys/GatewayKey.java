package dev.junction.ledger.keys;

import dev.junction.config.LimitSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A gateway key as stored: everything but the key itself.
 *
 * @param id        stable id, written to {@code llm_usage.api_key_id}
 * @param name      the operator's name for it ({@code svc-billing}); one live key per name
 * @param expiresAt null for never
 * @param revokedAt null while live
 * @param tasks     the route names it may use; empty for every task
 */
public record GatewayKey(String id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt,
                         LimitSpec limits, Set<String> tasks) {
    public GatewayKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        limits = limits == null ? LimitSpec.NONE : limits;
        tasks = tasks == null ? Set.of() : Set.copyOf(tasks);
    }

    /** Not revoked and not past its expiry at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean allowsTask(String task) { return tasks.isEmpty() || tasks.contains(task); }
}
