package dev.junction.ledger.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reports {@code junction report --view} and {@code GET /v1/junction/usage?view=} offer. */
public enum ReportView {
    /** Cost, requests, tokens, errors, fallbacks and latency by the chosen groups. */
    SUMMARY,
    /** Fallback rate and causes per route. */
    FALLBACKS,
    /** Error classes per model, from the attempts. */
    ERRORS,
    /** Latency p50/p95/p99 and time to first token p50/p95 per model. */
    LATENCY,
    TOP_CUSTOMERS,
    TOP_PROMPTS,
    /** This period against the one before it, per task and model. */
    COST_CHANGE;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** {@code summary}, {@code fallbacks}, ..., {@code top-customers}, {@code cost-change}. */
    public String wireName() { return wireName; }

    public static ReportView parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (ReportView v : values()) {
            if (v.wireName.equals(t)) return v;
        }
        throw new IllegalArgumentException("unknown view '" + text + "' (want " + names() + ")");
    }

    static String names() {
        return Arrays.stream(values()).map(ReportView::wireName).collect(Collectors.joining(", "));
    }
}
