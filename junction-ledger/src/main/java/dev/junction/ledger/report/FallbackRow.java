package dev.junction.ledger.report;

import java.util.Map;

/**
 * How often one route fell back, and why.
 *
 * @param task         the route (the {@code task} column)
 * @param fallbackRate fallbacks / requests
 * @param causes       what made each fallback happen: the outcome ({@code rate_limited}, {@code timeout},
 *                     {@code skipped:circuit-open}, ...) of the attempt just before the serving one,
 *                     with its count; most frequent first
 */
public record FallbackRow(String task, long requests, long fallbacks, double fallbackRate, Map<String, Long> causes) {}
