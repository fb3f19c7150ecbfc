package dev.junction.ledger.report;

import java.util.Map;

/**
 * How the upstream calls to one model ended, from {@code llm_attempt}.
 *
 * @param attempts upstream calls made (skipped candidates are not calls)
 * @param errors   calls that ended in an error class or broke mid-stream ({@code interrupted}); a call
 *                 the caller or a hedge cancelled is not an error
 * @param classes  error class id to count, most frequent first
 */
public record ErrorRow(String model, long attempts, long errors, double errorRate, Map<String, Long> classes) {}
