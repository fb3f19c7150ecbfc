package dev.junction.usage;

import java.util.Locale;

/** {@code llm_usage.status}. */
public enum UsageStatus {
    OK, ERROR, CANCELLED, INTERRUPTED;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
