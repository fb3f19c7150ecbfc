package dev.junction.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.ledger.SampleUsage;
import dev.junction.ledger.report.AttemptRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUsageStoreIT extends UsageStoreContract {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir Path dir;

    @Override
    protected String newStoreUrl() {
        return "jdbc:sqlite:" + dir.resolve("ledger-" + SEQ.incrementAndGet() + ".db");
    }

    @Test
    void open_fileInMissingDirectory_createsDirectoriesAndUsesWal() throws SQLException {
        Path db = dir.resolve("a/b/junction.db");

        try (JdbcUsageStore s = JdbcUsageStore.open("jdbc:sqlite:" + db)) {
            s.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));
        }

        assertThat(db).exists();
        assertThat(pragma(db, "journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma(db, "page_size")).isEqualTo("16384");
    }

    @Test
    void open_existingFileWithSmallerPages_keepsThemAndWrites() throws SQLException {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // a file as earlier versions created it: SQLite's default page size, WAL
            try (ResultSet mode = st.executeQuery("PRAGMA journal_mode=WAL")) {
                assertThat(mode.next()).isTrue();
            }
            st.execute("CREATE TABLE t (x INTEGER)");
            st.execute("DROP TABLE t");
        }
        assertThat(pragma(db, "page_size")).isEqualTo("4096");

        try (JdbcUsageStore s = JdbcUsageStore.open("jdbc:sqlite:" + db)) {
            s.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));
            assertThat(s.queries().countUsageRows()).isEqualTo(1);
        }
        assertThat(pragma(db, "page_size")).isEqualTo("4096");
        assertThat(pragma(db, "journal_mode")).isEqualToIgnoringCase("wal");
    }

    @Test
    void open_ledgerOfVersion4_keepsItsAttemptsUnderTheRequestKey() throws SQLException {
        Path db = dir.resolve("v4.db");
        String url = "jdbc:sqlite:" + db;
        Flyway.configure().dataSource(url, null, null).locations(SqlDialect.SQLITE.migrations()).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO llm_usage (created_at, request_id, status) VALUES ('2026-11-26T10:00:00.000000Z', 'req-old', 'ok')");
            st.execute("INSERT INTO llm_attempt (request_id, ordinal, model, provider, outcome, http_status, latency_ms, "
                    + "input_tokens, output_tokens, cost_usd) VALUES ('req-old', 1, 'b/y', 'b', 'ok', 200, 80, 10, 5, 0.5), "
                    + "('req-old', 0, 'a/x', 'a', 'rate_limited', 429, 20, 0, 0, NULL)");
        }

        try (JdbcUsageStore s = JdbcUsageStore.open(url)) {
            assertThat(s.queries().findAttempts("req-old")).extracting(AttemptRow::ordinal, AttemptRow::model, AttemptRow::outcome)
                    .containsExactly(tuple(0, "a/x", "rate_limited"), tuple(1, "b/y", "ok"));
            s.writeBatch(List.of(SampleUsage.servedAfterFallback("req-new")));
            s.writeBatch(List.of(SampleUsage.servedAfterFallback("req-new"))); // a replay: no second copy
            assertThat(s.queries().findAttempts("req-new")).hasSize(2);
            assertThat(s.queries().countAttemptRows()).isEqualTo(4);
        }
    }

    private static String pragma(Path db, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void connect_thenWrite_migratesOnFirstWrite() {
        Path db = dir.resolve("lazy.db");

        try (JdbcUsageStore s = JdbcUsageStore.connect("jdbc:sqlite:" + db)) {
            s.writeBatch(List.of(SampleUsage.failedEverywhere("req-1")));
            assertThat(s.queries().countUsageRows()).isEqualTo(1);
        }
        assertThat(Files.exists(db)).isTrue();
    }
}
