package dev.junction.ledger.report;

import dev.junction.catalog.Prices;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code llm_usage} row as stored; nullable columns are boxed.
 *
 * @param prices the served model's USD per million tokens when the row was written; null when unknown
 */
public record UsageRow(Instant createdAt, String requestId, String customerId, String task, String routePrimary,
                       String model, String provider, boolean fallback, int attempts, long inputTokens,
                       long cachedInputTokens, long outputTokens, long reasoningTokens, Double costUsd,
                       long latencyMs, Long ttftMs, boolean stream, String status, String errorClass,
                       Map<String, String> tags, String apiKeyId, Prices prices) {}
