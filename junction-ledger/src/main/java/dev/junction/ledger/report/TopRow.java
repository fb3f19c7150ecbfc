package dev.junction.ledger.report;

/**
 * One customer (or one prompt version, the {@code prompt} tag) ranked by what it cost.
 *
 * @param shareOfCost costUsd / the cost of every row in the period, 0 when that is 0
 */
public record TopRow(String key, long requests, long inputTokens, long outputTokens, double costUsd, double shareOfCost) {}
