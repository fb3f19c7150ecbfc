package dev.junction.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.SampleUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // a file as earlier versions created it: SQLite's default page size, WAL
            c.createStatement().execute("PRAGMA journal_mode=WAL");
            c.createStatement().execute("CREATE TABLE t (x INTEGER)");
            c.createStatement().execute("DROP TABLE t");
        }
        assertThat(pragma(db, "page_size")).isEqualTo("4096");

        try (JdbcUsageStore s = JdbcUsageStore.open("jdbc:sqlite:" + db)) {
            s.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));
            assertThat(s.queries().countUsageRows()).isEqualTo(1);
        }
        assertThat(pragma(db, "page_size")).isEqualTo("4096");
        assertThat(pragma(db, "journal_mode")).isEqualToIgnoringCase("wal");
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
