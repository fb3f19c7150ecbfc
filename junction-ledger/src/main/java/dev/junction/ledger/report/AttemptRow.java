package dev.junction.ledger.report;

/**
 * One {@code llm_attempt} row as stored.
 *
 * @param model   the full {@code PROVIDER/MODEL} id
 * @param outcome {@code ok}, an error class id, {@code skipped:REASON}, {@code cancelled} or {@code interrupted}
 */
public record AttemptRow(String requestId, int ordinal, String model, String provider, String outcome, int httpStatus,
                         long latencyMs, long inputTokens, long outputTokens, Double costUsd) {}
