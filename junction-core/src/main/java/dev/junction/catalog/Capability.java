package dev.junction.catalog;

import java.util.Locale;

/** What a model can do, as the catalog states it; a request needing one skips models without it. */
public enum Capability {
    TOOLS, JSON, VISION, STREAMING, REASONING;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static Capability fromWireName(String s) {
        for (Capability c : values()) {
            if (c.wireName().equals(s)) return c;
        }
        return null;
    }
}
