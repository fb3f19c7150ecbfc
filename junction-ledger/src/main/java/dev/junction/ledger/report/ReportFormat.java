package dev.junction.ledger.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a {@link ReportTable} is written: an aligned text table (the default), JSON or CSV. */
public enum ReportFormat {
    TABLE, JSON, CSV;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    public String contentType() {
        return switch (this) {
            case TABLE -> "text/plain; charset=utf-8";
            case JSON -> "application/json";
            case CSV -> "text/csv; charset=utf-8";
        };
    }

    public String render(ReportTable table) {
        return switch (this) {
            case TABLE -> text(table);
            case JSON -> json(table);
            case CSV -> csv(table);
        };
    }

    // ------------------------------------------------------------------ JSON

    /** {@code {...header, "rows":[{column: value}]}}. */
    private static String json(ReportTable table) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : table.header().entrySet()) {
                g.writeFieldName(e.getKey());
                writeJson(g, e.getValue());
            }
            g.writeArrayFieldStart("rows");
            for (List<Object> row : table.rows()) {
                g.writeStartObject();
                for (int i = 0; i < table.columns().size(); i++) {
                    g.writeFieldName(table.columns().get(i).name());
                    writeJson(g, row.get(i));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeJson(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeJson(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) writeJson(g, o);
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }

    // ------------------------------------------------------------------ CSV

    /** RFC 4180: a header line of column names, CRLF line ends, fields quoted when they need it. */
    private static String csv(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        List<String> names = table.columns().stream().map(ReportTable.Column::name).toList();
        csvLine(sb, names);
        for (List<Object> row : table.rows()) {
            List<String> fields = new ArrayList<>(row.size());
            for (Object v : row) fields.add(plain(v));
            csvLine(sb, fields);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String f = fields.get(i);
            boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
            if (quote) sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            else sb.append(f);
        }
        sb.append("\r\n");
    }

    /** A value as plain text: no exponent notation for small costs, empty for null. */
    private static String plain(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case Map<?, ?> m -> counts(m);
            default -> v.toString();
        };
    }

    private static String counts(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, n) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(n));
        return sb.toString();
    }

    // ------------------------------------------------------------------ text table

    /** The header facts, then the columns padded to their widest value; numbers right-aligned. */
    private static String text(ReportTable table) {
        StringBuilder sb = new StringBuilder();
        table.header().forEach((k, v) -> sb.append(k).append(": ").append(headerText(v)).append('\n'));
        if (!table.header().isEmpty()) sb.append('\n');
        List<ReportTable.Column> columns = table.columns();
        List<String[]> cells = new ArrayList<>(table.rows().size() + 1);
        cells.add(columns.stream().map(ReportTable.Column::name).toArray(String[]::new));
        for (List<Object> row : table.rows()) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) line[i] = cell(columns.get(i).kind(), row.get(i));
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) widths[i] = Math.max(widths[i], line[i].length());
        }
        for (String[] line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) l.append("  ");
                boolean left = columns.get(i).kind() == ReportTable.Kind.TEXT || columns.get(i).kind() == ReportTable.Kind.COUNTS;
                String pad = " ".repeat(widths[i] - line[i].length());
                l.append(left ? line[i] + pad : pad + line[i]);
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        if (table.rows().isEmpty()) sb.append("(no usage rows in this period)\n");
        return sb.toString();
    }

    private static String cell(ReportTable.Kind kind, Object v) {
        if (v == null) return "-";
        return switch (kind) {
            case USD -> String.format(Locale.ROOT, "%.6f", (Double) v);
            case RATIO -> String.format(Locale.ROOT, "%.1f%%", (Double) v * 100);
            default -> plain(v);
        };
    }

    private static String headerText(Object v) {
        if (v == null) return "-";
        if (v instanceof Collection<?> c) return String.join(",", c.stream().map(String::valueOf).toList());
        return plain(v);
    }
}
