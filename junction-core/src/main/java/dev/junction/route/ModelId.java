package dev.junction.route;

import java.util.Objects;

/** {@code PROVIDER/MODEL}: split at the first {@code /}; the name sent upstream is everything after it. */
public record ModelId(String provider, String name) implements Comparable<ModelId> {
    public ModelId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
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

    @Override public String toString() { return provider + "/" + name; }

    @Override public int compareTo(ModelId o) { return toString().compareTo(o.toString()); }
}
