package dev.junction.ledger.report;

/**
 * End-to-end latency of the requests one model served ({@code status = ok}), nearest-rank percentiles.
 *
 * @param streams  how many of them were streamed (the time-to-first-token percentiles are over these)
 * @param p50TtftMs null when none of the requests reported a first token time
 */
public record LatencyRow(String model, long requests, long p50LatencyMs, long p95LatencyMs, long p99LatencyMs,
                         long streams, Long p50TtftMs, Long p95TtftMs) {}
