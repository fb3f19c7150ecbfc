package dev.junction.usage;

import dev.junction.catalog.Prices;
import dev.junction.model.Usage;
import dev.junction.runner.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly one {@code llm_usage} row, with its {@code llm_attempt} rows: emitted once per client
 * request, whatever the outcome.
 *
 * @param task         the route name, or the {@code PROVIDER/MODEL} string the caller sent
 * @param routePrimary the route's first choice
 * @param model        the served model (the last tried when none served), null when none was tried
 * @param attemptCount upstream calls made (skips excluded)
 * @param costUsd      total over every attempt that consumed tokens; null when no price was known
 * @param errorClass   an error class id or gateway cause; null when ok
 * @param apiKeyId     the gateway key's id, null when the gateway runs open
 * @param prices       the served model's prices that produced {@code costUsd}, kept with the row so old rows
 *                     keep their meaning when the catalog changes; null when unknown
 */
public record UsageRecord(Instant createdAt, String requestId, String customerId, String task, String routePrimary,
                          String model, String provider, boolean fallback, int attemptCount, Usage usage,
                          Double costUsd, long latencyMs, Long ttftMs, boolean stream, UsageStatus status,
                          String errorClass, Map<String, String> tags, String apiKeyId, List<Attempt> attempts,
                          Prices prices) {
    public UsageRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        usage = usage == null ? Usage.ZERO : usage;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
