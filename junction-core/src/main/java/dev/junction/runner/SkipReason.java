package dev.junction.runner;

import java.util.Locale;

/** Why a candidate was not called. */
public enum SkipReason {
    CONTEXT_TOO_SMALL, CAPABILITY_MISSING, CIRCUIT_OPEN, COOLING_DOWN, CREDENTIALS_FAILED;

    /** {@code context-too-small}: the spelling of {@code skipped:REASON} in the ledger and explain. */
    public String wireName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
