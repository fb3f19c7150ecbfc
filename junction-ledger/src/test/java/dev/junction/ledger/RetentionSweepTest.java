package dev.junction.ledger;

import static dev.junction.ledger.SampleUsage.MINI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testing.FakeClock;
import dev.junction.usage.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {
    private static final Duration KEEP = Duration.ofDays(90);

    private final FakeClock clock = new FakeClock();
    private final InMemoryUsageStore memory = new InMemoryUsageStore();
    private final FlakyStore store = new FlakyStore(memory);

    private void put(String id, Duration age) {
        UsageRecord r = SampleUsage.served(id, clock.instant().minus(age), "chat", MINI, 1, 1, 0.1, 10);
        memory.rows.put(id, r);
    }

    @Test
    void runIfDue_atStart_deletesOnlyRowsOlderThanRetention() {
        put("old", KEEP.plusSeconds(1));
        put("edge", KEEP.minusSeconds(1));
        put("new", Duration.ofHours(1));
        RetentionSweep sweep = new RetentionSweep(KEEP, RetentionSweep.INTERVAL, 5_000, clock);

        sweep.runIfDue(store);

        assertThat(memory.rows).containsOnlyKeys("edge", "new");
        assertThat(sweep.nextRun()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    }

    @Test
    void runIfDue_backlogLargerThanBatch_continuesUntilAPartialBatchThenWaitsTheInterval() {
        for (int i = 0; i < 12; i++) put("old" + i, KEEP.plusDays(1 + i));
        RetentionSweep sweep = new RetentionSweep(KEEP, RetentionSweep.INTERVAL, 5, clock);

        sweep.runIfDue(store);
        assertThat(memory.rows).hasSize(7);
        assertThat(sweep.nextRun()).isEqualTo(clock.instant()); // still due: the writer calls again after its next batch
        sweep.runIfDue(store);
        sweep.runIfDue(store);
        assertThat(memory.rows).isEmpty();
        assertThat(sweep.nextRun()).isEqualTo(clock.instant().plus(RetentionSweep.INTERVAL));

        put("aged-later", KEEP.plusDays(1));
        clock.advance(RetentionSweep.INTERVAL.minusSeconds(1));
        sweep.runIfDue(store);
        assertThat(memory.rows).containsOnlyKeys("aged-later");
        clock.advance(Duration.ofSeconds(1));
        sweep.runIfDue(store);
        assertThat(memory.rows).isEmpty();
    }

    @Test
    void runIfDue_oldestFirst_newerOldRowsWaitForTheNextBatch() {
        put("older", KEEP.plusDays(10));
        put("old", KEEP.plusDays(1));
        RetentionSweep sweep = new RetentionSweep(KEEP, RetentionSweep.INTERVAL, 1, clock);

        sweep.runIfDue(store);

        assertThat(memory.rows).containsOnlyKeys("old");
    }

    @Test
    void runIfDue_storeDown_retriesAfterFailureDelayWithoutThrowing() {
        put("old", KEEP.plusDays(1));
        store.down();
        RetentionSweep sweep = new RetentionSweep(KEEP, RetentionSweep.INTERVAL, 5_000, clock);

        sweep.runIfDue(store);

        assertThat(sweep.nextRun()).isEqualTo(clock.instant().plus(RetentionSweep.RETRY_AFTER_FAILURE));
        store.up();
        clock.advance(RetentionSweep.RETRY_AFTER_FAILURE);
        sweep.runIfDue(store);
        assertThat(memory.rows).isEmpty();
    }

    @Test
    void writer_withRetention_sweepsAtStartOffTheCallerThread() {
        Instant realNow = Instant.now();
        memory.rows.put("ancient", SampleUsage.served("ancient", realNow.minus(Duration.ofDays(200)), "chat", MINI, 1, 1, 0.1, 10));
        memory.rows.put("recent", SampleUsage.served("recent", realNow.minus(Duration.ofDays(1)), "chat", MINI, 1, 1, 0.1, 10));

        var writer = new BatchingUsageWriter(store, null, WriterSettings.defaults(), RetentionSweep.ofDays(90));
        try {
            Eventually.await("the start-up sweep deleted the 200-day-old row", () -> !memory.rows.containsKey("ancient"));
            assertThat(memory.rows).containsOnlyKeys("recent");
        } finally {
            writer.close();
        }
    }
}
