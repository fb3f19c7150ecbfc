package dev.junction.bench;

import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.usage.UsageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ledger writer thread's side, per row: one batch of 500 usage rows (each with its attempt row)
 * written to SQLite in one transaction, as the batching writer does under load. This runs off the
 * request thread but on the same cores, so it counts in the gateway's CPU per request. {@code ids}
 * compares random request ids (which land all over the unique indexes) with time-ordered ones
 * (which append).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerStoreBench {
    private static final int BATCH = 500;

    @Param({"random", "ordered"})
    public String ids;

    private Path dir;
    private JdbcUsageStore store;
    private long sequence;

    @Setup(Level.Trial) public void setUp() throws IOException {
        dir = Files.createTempDirectory("junction-bench-ledger");
        store = JdbcUsageStore.open("jdbc:sqlite:" + dir.resolve("ledger.db"));
    }

    @TearDown(Level.Trial) public void tearDown() throws IOException {
        store.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeBatch() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) batch.add(LedgerEnqueueBench.row(nextId()));
        store.writeBatch(batch);
    }

    private String nextId() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if ("random".equals(ids)) {
            return "req_" + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE) + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE);
        }
        return "req_" + String.format("%016x", sequence++) + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE);
    }
}
