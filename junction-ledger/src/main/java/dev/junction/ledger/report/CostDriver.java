package dev.junction.ledger.report;

import java.util.Locale;

/** What moved the cost of one task on one model between two periods; the largest effect wins. */
public enum CostDriver {
    /** More or fewer requests at about the same cost each. */
    REQUESTS,
    /** Requests grew or shrank in tokens (longer prompts, longer answers). */
    TOKENS_PER_REQUEST,
    /** The same tokens cost more or less: a price change, or a different input/cached/output mix. */
    PRICE,
    /** The task did not use this model in the previous period (the model mix changed). */
    MODEL_ADDED,
    /** The task stopped using this model (the model mix changed). */
    MODEL_DROPPED,
    UNCHANGED;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
