package dev.junction.ledger.report;

import java.util.Map;

/**
 * One group of a usage summary.
 *
 * @param keys        group label to value ({@code task -> support_chat}), in the order asked; a value
 *                    is null when the rows have none (no customer, no such tag)
 * @param errors      rows whose status is {@code error} or {@code interrupted} ({@code cancelled} is
 *                    the caller leaving, not a failure)
 * @param fallbacks   rows served by a model other than the route's first choice
 * @param costUsd     sum of the known costs; rows without a price add nothing
 * @param p50LatencyMs nearest-rank percentiles of the rows' end-to-end latency
 */
public record UsageSummaryRow(Map<String, String> keys, long requests, long inputTokens, long outputTokens,
                              double costUsd, long errors, long fallbacks, long p50LatencyMs, long p95LatencyMs) {}
