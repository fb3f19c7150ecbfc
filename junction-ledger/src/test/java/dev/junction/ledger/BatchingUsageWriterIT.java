package dev.junction.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.junction.ledger.store.JdbcUsageStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer over real stores: SQLite in a temp dir, and a PostgreSQL URL whose port refuses. */
class BatchingUsageWriterIT {
    @TempDir Path dir;

    private String sqlite() { return "jdbc:sqlite:" + dir.resolve("ledger.db"); }

    private static WriterSettings fast() {
        return new WriterSettings(65_536, 500, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    @Test
    void close_after10000Offers_sqliteHoldsEveryRowOnce() {
        var writer = new BatchingUsageWriter(JdbcUsageStore.connect(sqlite()), Journal.open(dir.resolve("journal")), fast());

        SampleUsage.bulk("r", 10_000).forEach(writer::offer);
        writer.close();

        try (JdbcUsageStore store = JdbcUsageStore.open(sqlite())) {
            assertThat(store.queries().countUsageRows()).isEqualTo(10_000);
            assertThat(store.queries().countAttemptRows()).isEqualTo(10_000);
        }
        assertThat(writer.journalRows()).isZero();
    }

    @Test
    void write_sqliteFailsThreeTimes_everyRowLandsOnce() {
        var flaky = new FlakyStore(JdbcUsageStore.connect(sqlite())).failNext(3);
        var writer = new BatchingUsageWriter(flaky, Journal.open(dir.resolve("journal")), fast());

        SampleUsage.bulk("r", 1_000).forEach(writer::offer);
        Eventually.await("the writer has failed three times", () -> flaky.calls.get() >= 4);
        SampleUsage.bulk("s", 1_000).forEach(writer::offer);
        writer.close();

        try (JdbcUsageStore store = JdbcUsageStore.open(sqlite())) {
            assertThat(store.queries().countUsageRows()).isEqualTo(2_000);
        }
    }

    @Test
    void offer_postgresPortRefuses_neverWaitsAndJournalsEveryRow_thenReplaysIntoSqlite() {
        Path journal = dir.resolve("journal");
        var down = JdbcUsageStore.connect("jdbc:postgresql://127.0.0.1:1/test?user=postgres");
        var writer = new BatchingUsageWriter(down, Journal.open(journal), fast());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SampleUsage.bulk("r", 2_000).forEach(writer::offer));
        Eventually.await("every row is journaled", () -> writer.journalRows() == 2_000);
        writer.close();

        var next = new BatchingUsageWriter(JdbcUsageStore.connect(sqlite()), Journal.open(journal), fast());
        next.close();
        try (JdbcUsageStore store = JdbcUsageStore.open(sqlite())) {
            assertThat(store.queries().countUsageRows()).isEqualTo(2_000);
        }
        assertThat(next.journalRows()).isZero();
    }
}
