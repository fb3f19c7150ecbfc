package dev.junction.ledger.store;

import dev.junction.json.IsoInstant;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * What differs between the two supported stores, as data. Everything else (the SQL of inserts and
 * reads, {@code ON CONFLICT ... DO NOTHING}) is written once for both.
 *
 * @param urlPrefix           the JDBC URL prefix that selects this dialect
 * @param migrations          Flyway location of this vendor's versioned scripts
 * @param maxPoolSize         SQLite allows one writer at a time, so one connection avoids lock waits
 * @param tagsPlaceholder     how the {@code tags} JSON text is bound (PostgreSQL stores it as jsonb)
 * @param textTimestamps      true: {@code created_at} is fixed-width ISO-8601 text; false: timestamptz
 * @param connectionProperties driver properties applied unless the URL sets them
 * @param connectionTimeoutMs  the longest a caller waits for a pooled connection
 * @param rowByRowInserts      a batch is one small prepared statement stepped per row (in-process SQLite)
 *                             rather than multi-row statements (one round trip each, PostgreSQL)
 */
public record SqlDialect(String name, String urlPrefix, String migrations, int maxPoolSize, String tagsPlaceholder,
                         boolean textTimestamps, Map<String, String> connectionProperties, long connectionTimeoutMs,
                         boolean rowByRowInserts) {

    public static final SqlDialect SQLITE = new SqlDialect("sqlite", "jdbc:sqlite:",
            "classpath:db/migration/sqlite", 1, "?", true,
            // NORMAL is durable across a process crash in WAL mode (set by JdbcUsageStore: after the
            // page size, which a new file takes from its first write); only an OS crash can lose the
            // last commits. 16-KB pages: a fourth of the WAL frames (two writes each) and B-tree
            // pages per row of the 4-KB default; a file created with another size keeps it.
            Map.of("page_size", "16384", "synchronous", "NORMAL", "busy_timeout", "5000"),
            // a local file has no server to be down: a slow first open (a busy disk) is worth waiting for
            5_000, true);

    public static final SqlDialect POSTGRESQL = new SqlDialect("postgresql", "jdbc:postgresql:",
            "classpath:db/migration/postgresql", 4, "CAST(? AS jsonb)", false,
            // seconds; a server that stops answering must fail the write, not hang the writer
            Map.of("connectTimeout", "5", "socketTimeout", "60", "ApplicationName", "junction-ledger"),
            // the writer journals while a write waits for a connection, so a down server must fail fast;
            // a healthy pool hands out a connection in microseconds (one writer, a few report readers)
            1_000, false);

    // micro-seconds: PostgreSQL's precision, so both stores return the same instant
    private static final DateTimeFormatter TEXT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The dialect for a {@code usage.store} URL, or null when no dialect supports it. */
    public static SqlDialect forUrlOrNull(String url) {
        if (url == null) return null;
        for (SqlDialect d : new SqlDialect[] {SQLITE, POSTGRESQL}) {
            if (url.startsWith(d.urlPrefix)) return d;
        }
        return null;
    }

    public static SqlDialect forUrl(String url) {
        SqlDialect d = forUrlOrNull(url);
        if (d == null) {
            // only the scheme: the rest of a URL may carry a password
            String scheme = url == null ? "null" : url.substring(0, Math.max(0, url.indexOf(':', url.indexOf(':') + 1)));
            throw new IllegalArgumentException("unsupported usage store URL '" + scheme + ":...' (want jdbc:sqlite: or jdbc:postgresql:)");
        }
        return d;
    }

    /** The precision both stores keep. */
    public static Instant storedPrecision(Instant t) { return t.truncatedTo(ChronoUnit.MICROS); }

    public void bindInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        Instant stored = storedPrecision(t);
        if (textTimestamps) ps.setString(index, textTime(stored));
        else ps.setObject(index, OffsetDateTime.ofInstant(stored, ZoneOffset.UTC));
    }

    /** {@code TEXT_TIME}'s form, without the formatter (a fifth of binding a usage row on SQLite). */
    static String textTime(Instant t) {
        byte[] b = new byte[IsoInstant.length(6)];
        if (IsoInstant.write(b, 0, t, 6) < 0) return TEXT_TIME.format(t); // a year outside 0-9999
        return new String(b, StandardCharsets.US_ASCII);
    }

    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        if (textTimestamps) {
            String text = rs.getString(column);
            return text == null ? null : Instant.parse(text);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override public String toString() { return name; }
}
