package dev.junction.ledger.report;

import java.util.List;
import java.util.Map;

/**
 * A finished report as columns and rows, ready for {@link ReportFormat}: the one shape the command
 * line and the admin API print, so both show the same names and values.
 *
 * @param header top-level facts of the report ({@code groupBy}, {@code view}, the period); in JSON they sit
 *               beside {@code rows}, in the text table they are printed above it, CSV leaves them out
 * @param rows   one list of values per row, in column order; a value is a String, Long, Double,
 *               a {@code Map<String, Long>} (for {@link Kind#COUNTS}) or null
 */
public record ReportTable(Map<String, Object> header, List<Column> columns, List<List<Object>> rows) {

    /** How a column's values are written. */
    public enum Kind {
        TEXT,
        COUNT,
        /** US dollars: full precision in JSON and CSV, six decimals in the text table. */
        USD,
        /** A fraction: a plain number in JSON and CSV, a percentage in the text table. */
        RATIO,
        MILLIS,
        /** A map of name to count: a JSON object, or {@code name=count name=count} as text. */
        COUNTS
    }

    public record Column(String name, Kind kind) {}

    public ReportTable {
        header = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(header));
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
