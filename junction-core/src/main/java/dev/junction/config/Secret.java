package dev.junction.config;

import java.util.Objects;

/** A credential read from config. Prints as {@code ***} everywhere; only an adapter asks for the value. */
public final class Secret {
    private final String value;

    private Secret(String value) { this.value = Objects.requireNonNull(value, "value"); }

    public static Secret of(String value) { return new Secret(value); }

    /** The raw value, for an HTTP header. Never log or store it. */
    public String reveal() { return value; }

    public boolean isEmpty() { return value.isEmpty(); }

    /** A short stable fingerprint that tells keys apart in logs without revealing them. */
    public String fingerprint() { return Integer.toHexString(value.hashCode() & 0xffff); }

    @Override public String toString() { return "***"; }

    @Override public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }

    @Override public int hashCode() { return value.hashCode(); }
}
