package dev.junction.route;

import java.util.Objects;

/**
 * {@code PROVIDER/MODEL}: split at the first {@code /}; the name sent upstream is everything after it.
 * A value class rather than a record so the joined text is made once: a request writes it into a
 * header, the body, metrics, the intake line and the ledger, several times per attempt.
 */
public final class ModelId implements Comparable<ModelId> {
    private final String provider;
    private final String name;
    private final String text;

    public ModelId(String provider, String name) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.name = Objects.requireNonNull(name, "name");
        this.text = provider + "/" + name;
    }

    /** Parses {@code provider/model}; returns null when the text has no {@code /} or an empty side. */
    public static ModelId parseOrNull(String text) {
        if (text == null) return null;
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) return null;
        return new ModelId(text.substring(0, slash), text.substring(slash + 1));
    }

    public static ModelId parse(String text) {
        ModelId id = parseOrNull(text);
        if (id == null) throw new IllegalArgumentException("not a PROVIDER/MODEL id: '" + text + "'");
        return id;
    }

    /** The provider's name in the config. */
    public String provider() { return provider; }

    /** The model's name at the provider: what is sent upstream. */
    public String name() { return name; }

    @Override public boolean equals(Object o) {
        return o instanceof ModelId m && provider.equals(m.provider) && name.equals(m.name);
    }

    @Override public int hashCode() { return 31 * provider.hashCode() + name.hashCode(); }

    @Override public String toString() { return text; }

    @Override public int compareTo(ModelId o) { return text.compareTo(o.text); }
}
