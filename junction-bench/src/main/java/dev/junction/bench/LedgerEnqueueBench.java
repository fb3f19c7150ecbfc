package dev.junction.bench;

import dev.junction.ledger.BatchingUsageWriter;
import dev.junction.ledger.WriterSettings;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the request thread pays for its usage row: building the record and handing it to the batching
 * writer's queue. The writer thread drains into a store that only counts. A benchmark loop offers
 * millions of rows a second, far beyond any request rate, and on a busy machine the writer thread can
 * fall behind for a moment: the queue is made large enough that it never fills here (a full queue
 * would measure the overflow path instead; the queue's bound does not change the cost of an offer).
 * {@code offerContended} has four request threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerEnqueueBench {
    private static final ModelId MODEL = ModelId.parse("openai/gpt-4.1-mini");

    private BatchingUsageWriter writer;
    /** With a journal, as the gateway runs: each row also goes to the intake log before offer returns. */
    private BatchingUsageWriter journaled;
    private java.nio.file.Path journalDir;

    @Setup public void setUp() throws java.io.IOException {
        WriterSettings d = WriterSettings.defaults();
        WriterSettings big = new WriterSettings(
                8_000_000, d.maxBatch(), d.flushInterval(), d.initialBackoff(), d.maxBackoff(), d.closeTimeout());
        writer = new BatchingUsageWriter(new DiscardingStore(), null, big);
        journalDir = java.nio.file.Files.createTempDirectory("junction-bench-journal");
        journaled = new BatchingUsageWriter(new DiscardingStore(), dev.junction.ledger.Journal.open(journalDir), big);
    }

    @TearDown public void tearDown() {
        writer.close();
        journaled.close();
        if (writer.droppedRows() > 0) throw new IllegalStateException(writer.droppedRows() + " rows dropped: the queue filled");
    }

    static UsageRecord row() { return row("0195f3a2-b7c8-7d6e-9f10-2a3b4c5d6e7f"); }

    static UsageRecord row(String requestId) {
        Usage usage = new Usage(62, 58);
        List<Attempt> attempts = List.of(new Attempt(0, MODEL, Outcome.OK, 200, 1, null, usage, 0.0000341));
        return new UsageRecord(Instant.now(), requestId, "customer-42", "chat",
                MODEL.toString(), MODEL.toString(), MODEL.provider(), false, 1, usage, 0.0000341, 1, null, false,
                UsageStatus.OK, null, Map.of(), null, attempts, null);
    }

    @Benchmark public void offer() { writer.offer(row()); }

    @Benchmark @Threads(4) public void offerContended() { writer.offer(row()); }

    @Benchmark public void offerWithIntakeLog() { journaled.offer(row()); }

    @Benchmark @Threads(4) public void offerWithIntakeLogContended() { journaled.offer(row()); }
}
