package dev.junction.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.store.JdbcUsageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal left by an earlier run is replayed at start, once, into a real store. */
class JournalReplayIT {
    @TempDir Path dir;

    @Test
    void start_nonEmptyJournal_replaysItAndEmptiesIt() {
        Journal left = Journal.open(dir.resolve("journal"));
        left.append(List.of(SampleUsage.servedAfterFallback("a"), SampleUsage.failedEverywhere("b")));
        left.close();

        var writer = new BatchingUsageWriter(JdbcUsageStore.connect(sqlite()), Journal.open(dir.resolve("journal")));
        writer.close();

        try (JdbcUsageStore store = JdbcUsageStore.open(sqlite())) {
            assertThat(store.queries().countUsageRows()).isEqualTo(2);
            assertThat(store.queries().findAttempts("b")).hasSize(3);
        }
        assertThat(Journal.open(dir.resolve("journal")).rows()).isZero();
    }

    @Test
    void start_journalReplayedTwice_storesEachRowOnce() throws IOException {
        // a crash after the store committed and before the segment was deleted replays it again
        Journal left = Journal.open(dir.resolve("journal"));
        left.append(SampleUsage.bulk("r", 100));
        left.close();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(dir.resolve("journal"))) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }

        new BatchingUsageWriter(JdbcUsageStore.connect(sqlite()), Journal.open(dir.resolve("journal"))).close();
        new BatchingUsageWriter(JdbcUsageStore.connect(sqlite()), Journal.open(copy)).close();

        try (JdbcUsageStore store = JdbcUsageStore.open(sqlite())) {
            assertThat(store.queries().countUsageRows()).isEqualTo(100);
            assertThat(store.queries().countAttemptRows()).isEqualTo(100);
        }
    }

    private String sqlite() { return "jdbc:sqlite:" + dir.resolve("db/ledger.db"); }
}
