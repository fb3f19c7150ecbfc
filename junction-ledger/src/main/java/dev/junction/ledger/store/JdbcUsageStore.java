package dev.junction.ledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.junction.ledger.keys.GatewayKeyStore;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.runner.Attempt;
import dev.junction.usage.UsageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger in SQLite or PostgreSQL, through one HikariCP pool. The schema comes from
 * Flyway, run from code with the vendor's scripts under {@code db/migration/<dialect>/}.
 *
 * <p>{@link #connect} only builds the pool (no connection is made), so a writer can start while
 * the database is down; the schema is migrated on the first write. {@link #open} connects and
 * migrates at once and fails if it cannot, which is what reports and the command line want.
 */
public final class JdbcUsageStore implements UsageStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcUsageStore.class);

    // ids per DELETE statement: well under both vendors' bound-parameter limits
    private static final int DELETE_CHUNK = 500;

    private final SqlDialect dialect;
    private final String schema;
    private final HikariDataSource pool;
    private final MultiRowInsert<UsageRecord> usageInsert;
    private final MultiRowInsert<UsageTables.AttemptOf> attemptInsert;
    private volatile boolean migrated;

    private JdbcUsageStore(SqlDialect dialect, String schema, HikariDataSource pool) {
        this.dialect = dialect;
        this.schema = schema;
        this.pool = pool;
        this.usageInsert = UsageTables.usageInsert(dialect);
        this.attemptInsert = UsageTables.attemptInsert(dialect);
    }

    /** Connects and migrates; throws {@link UsageStoreException} when the store is unreachable. */
    public static JdbcUsageStore open(String jdbcUrl) {
        JdbcUsageStore store = connect(jdbcUrl);
        try {
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Builds the pool without connecting; the first write migrates. */
    public static JdbcUsageStore connect(String jdbcUrl) {
        SqlDialect dialect = SqlDialect.forUrl(jdbcUrl);
        if (dialect == SqlDialect.SQLITE) createParentDirectories(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("junction-ledger");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(dialect.maxPoolSize());
        config.setMinimumIdle(Math.min(1, dialect.maxPoolSize()));
        config.setConnectionTimeout(dialect.connectionTimeoutMs());
        config.setInitializationFailTimeout(-1); // start even when the database is down
        dialect.connectionProperties().forEach(config::addDataSourceProperty);
        // WAL (readers never block the writer) once the driver has set its pragmas: as a driver
        // property it could come first and create a new file before the page size was set
        if (dialect == SqlDialect.SQLITE) config.setConnectionInitSql("PRAGMA journal_mode=WAL");
        String schema = dialect == SqlDialect.POSTGRESQL ? firstSchema(urlParameter(jdbcUrl, "currentSchema")) : null;
        return new JdbcUsageStore(dialect, schema, new HikariDataSource(config));
    }

    public SqlDialect dialect() { return dialect; }

    /** Reads for reports, over this store's pool. */
    public UsageQueries queries() { return new UsageQueries(pool, dialect); }

    /** Gateway keys, in the same database; migrates first when needed (throws when the store is unreachable). */
    public GatewayKeyStore keys() {
        if (!migrated) migrate();
        return new GatewayKeyStore(pool, dialect);
    }

    /** Creates the {@code currentSchema} when missing, then applies pending migrations. Idempotent. */
    public synchronized void migrate() {
        if (migrated) return;
        try {
            if (schema != null) createSchema(schema);
            var flyway = Flyway.configure(JdbcUsageStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations(dialect.migrations())
                    .failOnMissingLocations(true);
            if (schema != null) flyway.schemas(schema).defaultSchema(schema);
            var result = flyway.load().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("usage ledger ({}) migrated to version {}", dialect, result.targetSchemaVersion);
            }
            migrated = true;
        } catch (FlywayException | SQLException e) {
            throw new UsageStoreException("cannot migrate the usage store (" + dialect + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void writeBatch(List<UsageRecord> records) { writeBatch(records, false); }

    @Override
    public void writeBatch(List<UsageRecord> records, boolean behind) {
        if (records.isEmpty()) return;
        if (!migrated) migrate();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                usageInsert.execute(c, records, !behind);
                attemptInsert.execute(c, attemptsOf(records), !behind);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new UsageStoreException("cannot write " + records.size() + " usage rows (" + dialect + "): " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int maxRows) {
        if (!migrated) migrate();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the ids first, then both deletes by id: a subquery repeated in each DELETE could
                // see different rows (a journal replay inserts old rows) and orphan attempts
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT request_id FROM llm_usage WHERE created_at < ? ORDER BY created_at LIMIT ?")) {
                    dialect.bindInstant(ps, 1, cutoff);
                    ps.setInt(2, maxRows);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) ids.add(rs.getString(1));
                    }
                }
                int deleted = 0;
                for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
                    deleteByRequestId(c, "llm_attempt", chunk);
                    deleted += deleteByRequestId(c, "llm_usage", chunk);
                }
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new UsageStoreException("cannot delete old usage rows (" + dialect + "): " + e.getMessage(), e);
        }
    }

    private static int deleteByRequestId(Connection c, String table, List<String> ids) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE request_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) ps.setString(i + 1, ids.get(i));
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() { pool.close(); }

    private static List<UsageTables.AttemptOf> attemptsOf(List<UsageRecord> records) {
        List<UsageTables.AttemptOf> rows = new ArrayList<>(records.size() * 2);
        for (UsageRecord r : records) {
            for (Attempt a : r.attempts()) rows.add(new UsageTables.AttemptOf(r.requestId(), a));
        }
        return rows;
    }

    private void createSchema(String name) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed after a failed usage write", e);
        }
    }

    /** SQLite creates the file but not its directories; a missing directory would fail every write. */
    private static void createParentDirectories(String jdbcUrl) {
        Path file = sqliteFile(jdbcUrl);
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        if (parent == null) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UsageStoreException("cannot create the directory of the usage database " + parent, e);
        }
    }

    /** The database file of a {@code jdbc:sqlite:} URL; null for another store or an in-memory database. */
    public static Path sqliteFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(SqlDialect.SQLITE.urlPrefix())) return null;
        String path = jdbcUrl.substring(SqlDialect.SQLITE.urlPrefix().length());
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (path.startsWith("file:")) path = path.substring("file:".length());
        if (path.isEmpty() || path.startsWith(":memory:") || jdbcUrl.contains("mode=memory")) return null;
        return Path.of(path);
    }

    /** {@code currentSchema} may be a search path ({@code a,public}); the tables go to the first entry. */
    private static String firstSchema(String searchPath) {
        if (searchPath == null) return null;
        String first = searchPath.split(",", 2)[0].strip();
        return first.isEmpty() ? null : first;
    }

    /** The value of {@code name} in the URL's query string, or null. */
    static String urlParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) return null;
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                String value = java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
