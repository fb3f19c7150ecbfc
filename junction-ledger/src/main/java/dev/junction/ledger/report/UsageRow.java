package dev.junction.ledger.report;

import java.time.Instant;
import java.util.Map;

/** One {@code llm_usage} row as stored; nullable columns are boxed. */
public record UsageRow(Instant createdAt, String requestId, String customerId, String task, String routePrimary,
                       String model, String provider, boolean fallback, int attempts, long inputTokens,
                       long cachedInputTokens, long outputTokens, long reasoningTokens, Double costUsd,
                       long latencyMs, Long ttftMs, boolean stream, String status, String errorClass,
                       Map<String, String> tags, String apiKeyId) {}
