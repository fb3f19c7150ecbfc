package dev.junction.ledger.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One dimension of a usage summary: a column of {@code llm_usage}, the UTC day, or one tag.
 * Parsed from the names the command line and the admin API take ({@code task}, {@code tag:feature}).
 */
public sealed interface GroupKey {

    /** The name in summary rows and on the command line: {@code task}, {@code day}, {@code tag:feature}. */
    String label();

    /** This dimension's value for one row; null when the row has none. */
    String valueOf(UsageRow row);

    enum Column implements GroupKey {
        TASK, MODEL, PROVIDER, CUSTOMER, DAY, STATUS;

        private final String label = name().toLowerCase(Locale.ROOT);

        @Override public String label() { return label; }

        @Override public String valueOf(UsageRow row) {
            return switch (this) {
                case TASK -> row.task();
                case MODEL -> row.model();
                case PROVIDER -> row.provider();
                case CUSTOMER -> row.customerId();
                case DAY -> LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC).toString();
                case STATUS -> row.status();
            };
        }
    }

    record Tag(String key) implements GroupKey {
        @Override public String label() { return "tag:" + key; }

        @Override public String valueOf(UsageRow row) { return row.tags().get(key); }
    }

    /** {@code task}, {@code model}, {@code provider}, {@code customer}, {@code day}, {@code status} or {@code tag:KEY}. */
    static GroupKey parse(String text) {
        String t = text.strip();
        if (t.startsWith("tag:") && t.length() > 4) return new Tag(t.substring(4));
        for (Column c : Column.values()) {
            if (c.label().equals(t)) return c;
        }
        throw new IllegalArgumentException("unknown group '" + text
                + "' (want task, model, provider, customer, day, status or tag:KEY)");
    }
}
