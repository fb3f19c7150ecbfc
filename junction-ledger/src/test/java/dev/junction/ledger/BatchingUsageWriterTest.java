package dev.junction.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.junction.ledger.store.UsageStore;
import dev.junction.usage.UsageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingUsageWriterTest {
    private static final Duration NO_WAIT = Duration.ofSeconds(5);

    @TempDir Path dir;

    private final InMemoryUsageStore memory = new InMemoryUsageStore();
    private final FlakyStore store = new FlakyStore(memory);

    private static WriterSettings fast(int capacity) {
        return new WriterSettings(capacity, 500, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @Test
    void close_after10000Offers_everyRowIsWritten() {
        var writer = new BatchingUsageWriter(store, null, fast(65_536));

        SampleUsage.bulk("r", 10_000).forEach(writer::offer);
        writer.close();

        assertThat(memory.rows).hasSize(10_000);
        assertThat(writer.writtenRows()).isEqualTo(10_000);
        assertThat(writer.droppedRows()).isZero();
        assertThat(writer.queueDepth()).isZero();
        assertThat(memory.closed).isTrue();
    }

    @Test
    void offer_rowsArriveOneByOne_areWrittenInOneBatch() {
        // a long flush interval: the rows below arrive within microseconds of the first
        var writer = new BatchingUsageWriter(store, null,
                new WriterSettings(1_000, 500, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)));

        SampleUsage.bulk("r", 40).forEach(writer::offer);
        Eventually.await("the rows are written", () -> memory.rows.size() == 40);

        assertThat(store.calls.get()).isEqualTo(1);
        writer.close();
    }

    @Test
    void write_tellsTheStoreWhenMoreRowsWaitThanOneBatch() {
        List<String> batches = new CopyOnWriteArrayList<>();
        UsageStore recording = new UsageStore() {
            @Override public void writeBatch(List<UsageRecord> records) { throw new AssertionError("the writer says whether it is behind"); }
            @Override public void writeBatch(List<UsageRecord> records, boolean behind) { batches.add(records.size() + (behind ? " behind" : "")); }
            @Override public int deleteOlderThan(Instant cutoff, int maxRows) { return 0; }
            @Override public void close() { }
        };
        // a long flush interval: every row is queued before the writer takes its first batch at close
        var writer = new BatchingUsageWriter(recording, null,
                new WriterSettings(2_000, 500, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)));

        SampleUsage.bulk("r", 1_200).forEach(writer::offer);
        writer.close();

        // behind while a full batch more waits (write straight through); a full batch with fewer
        // rows after it is not a backlog, nor is the last, partial one
        assertThat(batches).containsExactly("500 behind", "500", "200");
    }

    @Test
    void write_storeFailsThreeTimes_retriesAndLosesNothing() {
        store.failNext(3);
        var writer = new BatchingUsageWriter(store, null, fast(1_000));

        SampleUsage.bulk("r", 50).forEach(writer::offer);
        writer.close();

        assertThat(memory.rows).hasSize(50);
        assertThat(store.calls.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void offer_storeHangs_neverWaits() {
        store.slow();
        var writer = new BatchingUsageWriter(store, null, fast(1_000));

        assertTimeoutPreemptively(NO_WAIT, () -> SampleUsage.bulk("r", 500).forEach(writer::offer));

        store.open();
        writer.close();
        assertThat(memory.rows).hasSize(500);
    }

    @Test
    void offer_queueFullWithoutJournal_dropsAndCountsTheRest() {
        store.slow();
        var writer = new BatchingUsageWriter(store, null, fast(10));
        writer.offer(SampleUsage.servedAfterFallback("first"));
        Eventually.await("the writer holds the first row in a write", () -> store.calls.get() == 1);

        assertTimeoutPreemptively(NO_WAIT, () -> SampleUsage.bulk("r", 100).forEach(writer::offer));

        assertThat(writer.droppedRows()).isEqualTo(90);
        store.open();
        writer.close();
        assertThat(memory.rows).hasSize(11);
    }

    @Test
    void write_storeDown_rowsReachTheJournalWithoutClose() throws IOException {
        store.down();
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));

        SampleUsage.bulk("r", 20).forEach(writer::offer);

        Eventually.await("20 rows are journaled", () -> writer.journalRows() == 20);
        // what a process killed now leaves behind: the journal holds every accepted row
        Path snapshot = copy(dir.resolve("journal"), dir.resolve("after-kill"));
        var restarted = new InMemoryUsageStore();
        new BatchingUsageWriter(restarted, Journal.open(snapshot), fast(1_000)).close();
        assertThat(restarted.rows).hasSize(20);
        writer.close();
    }

    @Test
    void write_storeComesBack_replaysJournalThenWritesNewRows() {
        store.down();
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        SampleUsage.bulk("early-", 10).forEach(writer::offer);
        Eventually.await("the early rows are journaled", () -> writer.journalRows() == 10);

        store.up();
        SampleUsage.bulk("late-", 10).forEach(writer::offer);

        Eventually.await("all rows are stored", () -> memory.rows.size() == 20);
        // the replay stores a segment's rows before it deletes the segment and lowers the count
        Eventually.await("the journal is empty", () -> writer.journalRows() == 0);
        writer.close();
        assertThat(journalFiles()).isEmpty();
    }

    @Test
    void offer_queueFullWithJournal_spillsToJournalAndLosesNothing() {
        store.slow();
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(4));

        assertTimeoutPreemptively(NO_WAIT, () -> SampleUsage.bulk("r", 50).forEach(writer::offer));

        assertThat(writer.overflowedRows()).isPositive();
        assertThat(writer.droppedRows()).isZero();
        store.open();
        writer.close();
        assertThat(memory.rows).hasSize(50);
        assertThat(writer.journalRows()).isZero();
    }

    @Test
    void close_storeDownWithJournal_returnsAndKeepsRowsForNextStart() {
        store.down();
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        SampleUsage.bulk("r", 30).forEach(writer::offer);

        assertTimeoutPreemptively(NO_WAIT, writer::close);

        var next = new InMemoryUsageStore();
        new BatchingUsageWriter(next, Journal.open(dir.resolve("journal")), fast(1_000)).close();
        assertThat(next.rows).hasSize(30);
    }

    @Test
    void offer_afterClose_goesToJournal() {
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        writer.close();

        writer.offer(SampleUsage.servedAfterFallback("late"));

        assertThat(writer.journalRows()).isEqualTo(1);
        assertThat(writer.droppedRows()).isZero();
    }

    /** The journal's files, and the intake log's (its own folder inside the journal's). */
    private List<Path> journalFiles() {
        try (Stream<Path> files = Files.walk(dir.resolve("journal"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a journal directory with its intake log, as a killed process would leave it. */
    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f)) copy(f, to.resolve(f.getFileName()));
                else Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void kill_rowsStillOnTheQueueOrInAWrite_nextStartStoresEveryAcceptedRow() throws IOException {
        store.slow(); // the first batch hangs in its write; the rest wait on the queue: nothing is stored or journaled yet
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        writer.offer(SampleUsage.servedAfterFallback("first"));
        Eventually.await("the writer holds the first row in a write", () -> store.calls.get() == 1);
        SampleUsage.bulk("r", 49).forEach(writer::offer);
        assertThat(writer.journalRows()).isZero();

        // what a process killed now leaves behind
        Path snapshot = copy(dir.resolve("journal"), dir.resolve("after-kill"));
        var restarted = new InMemoryUsageStore();
        new BatchingUsageWriter(restarted, Journal.open(snapshot), fast(1_000)).close();

        assertThat(restarted.rows).hasSize(50);
        store.open();
        writer.close();
    }

    @Test
    void close_healthyWithJournal_leavesNoIntakeBehind() throws IOException {
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        SampleUsage.bulk("r", 5_000).forEach(writer::offer);

        writer.close();

        assertThat(memory.rows).hasSize(5_000);
        try (Stream<Path> left = Files.list(dir.resolve("journal").resolve("intake"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void intake_whileHealthy_segmentsAreEmptiedOnceTheirRowsAreStored_andReused() throws IOException {
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(65_536));
        Path intake = dir.resolve("journal").resolve("intake");
        SampleUsage.bulk("r", IntakeLog.SEGMENT_ROWS * 3).forEach(writer::offer);

        Eventually.await("every row is stored", () -> memory.rows.size() == IntakeLog.SEGMENT_ROWS * 3);
        Eventually.await("the stored rows' intake segments are emptied", () -> segmentsHoldingRows(intake) <= 1);
        java.util.List<String> before = java.util.List.of(intake.toFile().list());
        // a segment's worth at a time, each stored before the next: how many segments a burst needs
        // depends on how far the writer lags, which is not what this test is about
        for (int wave = 0; wave < 3; wave++) {
            SampleUsage.bulk("s" + wave + "-", IntakeLog.SEGMENT_ROWS).forEach(writer::offer);
            int stored = IntakeLog.SEGMENT_ROWS * (4 + wave);
            Eventually.await("the second wave's part is stored", () -> memory.rows.size() == stored);
        }
        java.util.List<String> after = java.util.List.of(intake.toFile().list());
        assertThat(after).as("emptied segments are reused, not replaced").containsAnyElementsOf(before)
                .hasSizeLessThanOrEqualTo(before.size() + 1);
        writer.close();
    }

    /** Segments whose first byte is not the zero that marks an empty one. */
    private static long segmentsHoldingRows(Path intake) {
        try (Stream<Path> files = Files.list(intake)) {
            return files.filter(f -> {
                try (var in = Files.newInputStream(f)) {
                    int first = in.read();
                    return first > 0;
                } catch (IOException e) {
                    return false; // deleted meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    @Test
    void acceptingRows_storeDownWithoutJournal_falseUntilItIsBack() {
        store.down();
        var writer = new BatchingUsageWriter(store, null, fast(1_000));
        writer.offer(SampleUsage.servedAfterFallback("r-1"));

        Eventually.await("the writer reports the store down", () -> !writer.acceptingRows());
        store.up();
        Eventually.await("the writer reports the store back", writer::acceptingRows);
        writer.close();
    }

    @Test
    void acceptingRows_storeDownWithJournal_staysTrue() throws IOException {
        store.down();
        var writer = new BatchingUsageWriter(store, Journal.open(dir.resolve("journal")), fast(1_000));
        writer.offer(SampleUsage.servedAfterFallback("r-1"));

        Eventually.await("the writer journals", () -> !writer.storeReachable());
        assertThat(writer.acceptingRows()).isTrue();
        writer.close();
    }
}
