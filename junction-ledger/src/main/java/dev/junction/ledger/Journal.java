package dev.junction.ledger;

import dev.junction.usage.UsageRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only spill directory for usage records the store could not take: one JSON line per
 * record, in numbered segment files ({@code usage-00000000000000000001.jsonl}).
 *
 * <p>Appends go to the newest segment. {@link #replay} first closes that segment, so appends made
 * while a replay runs land in a new one and never block on the store; then it hands the closed
 * segments to the store oldest first, in batches, and deletes each segment once all its rows are
 * stored. A crash between the store's commit and the delete replays that segment again, which the
 * store's unique keys make harmless.
 *
 * <p>Each append is flushed to the operating system before it returns, so a killed process
 * loses nothing it journaled; it is not fsynced (a power cut can lose the last appends). A line
 * cut short by a crash, or otherwise unreadable, is logged and skipped on replay.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final String PREFIX = "usage-";
    private static final String SUFFIX = ".jsonl";

    /** Past this many rows waiting, the store has been away long enough that an operator must hear of it. */
    public static final long WARN_ROWS = 100_000;

    private final Path dir;
    private final long warnRows;
    private long nextWarnAt;
    private final AtomicLong rows = new AtomicLong();
    private long nextSegment;
    private BufferedWriter active;
    private Path activePath;
    private long activeRows;
    private final List<Segment> closed = new ArrayList<>();
    private boolean isClosed;
    private final Object replaying = new Object();

    private record Segment(Path path, long rows) {}

    private Journal(Path dir, long warnRows) {
        this.dir = dir;
        this.warnRows = warnRows;
        this.nextWarnAt = warnRows;
    }

    /** Opens (and creates) the directory; segments left by an earlier run are kept for replay. */
    public static Journal open(Path dir) { return open(dir, WARN_ROWS); }

    /** As {@link #open(Path)}, logging loudly each time the backlog passes {@code warnRows}, then twice that, and so on. */
    public static Journal open(Path dir, long warnRows) {
        Journal j = new Journal(dir, warnRows);
        try {
            Files.createDirectories(dir);
            for (Path p : j.segmentFiles()) {
                long n;
                try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
                    n = lines.filter(l -> !l.isBlank()).count();
                }
                j.closed.add(new Segment(p, n));
                j.rows.addAndGet(n);
                j.nextSegment = Math.max(j.nextSegment, number(p) + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open usage journal " + dir, e);
        }
        if (j.rows.get() > 0) log.warn("usage journal {} holds {} rows from an earlier run; they will be replayed", dir, j.rows.get());
        return j;
    }

    public Path directory() { return dir; }

    /** Rows journaled and not yet replayed. */
    public long rows() { return rows.get(); }

    /**
     * Appends the records and flushes them to the OS; throws {@link UncheckedIOException} on failure.
     * Works after {@link #close} too (a row offered during shutdown still lands on disk).
     */
    public void append(List<UsageRecord> records) {
        if (records.isEmpty()) return;
        // encode outside the lock: a request thread spilling one row should not wait for the
        // writer thread's JSON work on a large batch, only for its file write
        StringBuilder text = new StringBuilder(records.size() * 512);
        for (UsageRecord r : records) text.append(JournalCodec.encode(r)).append('\n');
        write(text, records.size());
    }

    private synchronized void write(CharSequence lines, int count) {
        try {
            if (active == null) {
                activePath = dir.resolve(PREFIX + String.format("%020d", nextSegment++) + SUFFIX);
                active = Files.newBufferedWriter(activePath, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                activeRows = 0;
            }
            active.append(lines);
            active.flush();
            activeRows += count;
            long now = rows.addAndGet(count);
            if (now >= nextWarnAt) {
                log.error("usage journal {} holds {} rows waiting for the store: the usage store has been unreachable or too slow for a while",
                        dir, now);
                nextWarnAt = Math.max(nextWarnAt * 2, now + 1);
            }
            if (isClosed) rollActive(); // a late row after close: its own segment, no open file left behind
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to usage journal " + dir, e);
        }
    }

    /**
     * Hands every journaled record to {@code store}, oldest first, {@code batchSize} at a time,
     * deleting each segment once the store took all its rows. If {@code store} throws, the
     * exception propagates and the unfinished segments stay for the next replay.
     *
     * @return rows handed over
     */
    public long replay(Consumer<List<UsageRecord>> store, int batchSize) {
        synchronized (replaying) {
            return replayClosedSegments(store, batchSize);
        }
    }

    private long replayClosedSegments(Consumer<List<UsageRecord>> store, int batchSize) {
        List<Segment> segments;
        synchronized (this) {
            rollActive();
            segments = List.copyOf(closed);
        }
        long replayed = 0;
        for (Segment s : segments) {
            List<UsageRecord> records = read(s.path());
            for (int from = 0; from < records.size(); from += batchSize) {
                store.accept(records.subList(from, Math.min(records.size(), from + batchSize)));
            }
            try {
                Files.deleteIfExists(s.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete replayed usage journal segment " + s.path(), e);
            }
            synchronized (this) {
                closed.remove(s);
            }
            rows.addAndGet(-s.rows());
            replayed += records.size();
        }
        return replayed;
    }

    /** Flushes and closes the active segment; its rows stay on disk for the next run. */
    @Override
    public synchronized void close() {
        if (isClosed) return;
        rollActive();
        isClosed = true;
    }

    private void rollActive() {
        if (active == null) return;
        try {
            active.close();
        } catch (IOException e) {
            log.error("cannot close usage journal segment {}", activePath, e);
        }
        closed.add(new Segment(activePath, activeRows));
        active = null;
        activePath = null;
    }

    private static List<UsageRecord> read(Path segment) {
        List<UsageRecord> records = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read usage journal segment " + segment, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                records.add(JournalCodec.decode(line));
            } catch (IllegalArgumentException e) {
                // a line cut short by a crash mid-append, or a damaged file: the rest is still good
                log.warn("usage journal {} line {} is unreadable and skipped: {}", segment.getFileName(), i + 1, e.getMessage());
            }
        }
        return records;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                    })
                    .sorted()
                    .toList();
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
