package dev.junction.ledger;

import dev.junction.json.JsonLineWriter;
import dev.junction.usage.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log of every usage row the writer accepted and has not yet stored or journaled, so
 * that a killed process loses no row of a request that already finished (only those of requests
 * still in flight, which have no row yet).
 *
 * <p>Each accepted row is appended as one JSON line to a memory-mapped segment before {@code offer}
 * returns: the bytes are then in the operating system's page cache, where a killed process cannot take
 * them (not fsynced: they survive a killed process, not a power cut). A mapped segment costs a memory
 * copy per row where a write to a file cost a system call. A zero byte always follows the last line
 * (it is written before the line), and reading stops at the first zero byte: JSON text never holds one.
 *
 * <p>Rows are numbered in acceptance order; the writer, which takes them in that order, tells the log
 * how far it got with {@link #release}, and whole segments below that mark are emptied (a zero first
 * byte) and reused. Segments stay mapped for the life of the log: Java 21 cannot unmap a buffer, and a
 * mapping dropped for the collector keeps its pages in the process's RSS until an old-generation
 * collection. A busy gateway cycles through a handful of 1-MB segments. At start, {@link #recoverInto}
 * moves what a killed run left here into the spill {@link Journal}, whose replay stores it; the store's
 * unique keys make rows that had in fact been stored harmless.
 *
 * <p>Thread-safe: appends come from request threads, releases from the writer thread.
 */
final class IntakeLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeLog.class);
    private static final String PREFIX = "intake-";
    private static final String SUFFIX = ".jsonl";
    /** Rows per segment: small enough that a segment is reused soon after its rows are stored. */
    static final int SEGMENT_ROWS = 4096;
    /** Bytes mapped per segment; a row that does not fit (with its terminator) starts the next segment. */
    static final int SEGMENT_BYTES = 1024 * 1024;

    private final Path dir;
    private final Deque<Segment> full = new ArrayDeque<>(); // segments holding unreleased rows, oldest first
    private final Deque<Segment> free = new ArrayDeque<>(); // emptied segments, ready for reuse
    private Segment active;
    private final JsonLineWriter line = new JsonLineWriter(1024); // reused for every row; guarded by this
    private long nextSegment;

    /** One mapped file; {@code lastSeq} is the number of the last row written to it. */
    private static final class Segment {
        final Path path;
        final MappedByteBuffer buffer;
        long lastSeq;
        int rows;

        Segment(Path path, MappedByteBuffer buffer) {
            this.path = path;
            this.buffer = buffer;
        }
    }

    private IntakeLog(Path dir) { this.dir = dir; }

    static IntakeLog open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create usage intake log " + dir, e);
        }
        IntakeLog l = new IntakeLog(dir);
        for (Path p : l.files()) l.nextSegment = Math.max(l.nextSegment, number(p) + 1);
        return l;
    }

    /**
     * Appends {@code row} as one JSON line ({@link JournalCodec#write}) numbered {@code seq}, into the
     * page cache. The line is encoded into one reused buffer, then copied into the segment: no per-row
     * garbage on the request thread.
     */
    synchronized void append(UsageRecord row, long seq) {
        JsonLineWriter encoded = JournalCodec.write(row, line.reset()).newline();
        byte[] bytes = encoded.array();
        int length = encoded.length();
        if (length + 1 > SEGMENT_BYTES) throw new UncheckedIOException(new IOException("usage row of " + length + " bytes is larger than an intake segment"));
        if (active != null && active.buffer.remaining() < length + 1) roll();
        if (active == null) active = emptySegment();
        MappedByteBuffer b = active.buffer;
        int at = b.position();
        b.put(at + length, (byte) 0); // the terminator first: a line cut short by a kill is still followed by one
        b.put(bytes, 0, length);
        active.lastSeq = seq;
        if (++active.rows >= SEGMENT_ROWS) roll();
    }

    /** Every row numbered up to {@code seq} is stored or journaled: empty the segments that hold only such rows, for reuse. */
    synchronized void release(long seq) {
        if (active != null && active.rows > 0 && active.lastSeq <= seq) roll();
        while (!full.isEmpty() && full.peekFirst().lastSeq <= seq) {
            Segment s = full.pollFirst();
            s.buffer.put(0, (byte) 0);
            free.addLast(s);
        }
    }

    private Segment emptySegment() {
        Segment s = free.pollFirst();
        if (s == null) {
            Path path = dir.resolve(PREFIX + String.format("%020d", nextSegment++) + SUFFIX);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                s = new Segment(path, ch.map(FileChannel.MapMode.READ_WRITE, 0, SEGMENT_BYTES)); // outlives the channel
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create usage intake segment " + path, e);
            }
        }
        s.buffer.clear();
        s.buffer.put(0, (byte) 0);
        s.rows = 0;
        s.lastSeq = 0;
        return s;
    }

    private void roll() {
        full.addLast(active);
        active = null;
    }

    /** Moves the rows a killed run left here into {@code journal} (its replay stores them), then deletes them. */
    synchronized long recoverInto(Journal journal) {
        long moved = 0;
        for (Path p : files()) {
            if (ownedByThisRun(p)) continue;
            List<UsageRecord> rows = read(p);
            if (!rows.isEmpty()) journal.append(rows);
            moved += rows.size();
            delete(p);
        }
        if (moved > 0) log.warn("recovered {} usage rows accepted but not stored before the last run stopped", moved);
        return moved;
    }

    /**
     * Deletes the emptied segments; those still holding unreleased rows stay for the next start to
     * recover. The mappings go with the process (or the collector).
     */
    @Override public synchronized void close() {
        if (active != null && active.rows == 0) {
            free.addLast(active);
            active = null;
        } else if (active != null) {
            roll();
        }
        for (Segment s : free) delete(s.path);
        free.clear();
    }

    private boolean ownedByThisRun(Path p) {
        if (active != null && active.path.equals(p)) return true;
        for (Segment s : full) if (s.path.equals(p)) return true;
        for (Segment s : free) if (s.path.equals(p)) return true;
        return false;
    }

    private void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete usage intake segment {}: {}", p, e.getMessage());
        }
    }

    /** The rows of a segment: its lines up to the first zero byte (the unwritten tail of the mapping). */
    private static List<UsageRecord> read(Path p) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read usage intake segment " + p, e);
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        List<UsageRecord> rows = new ArrayList<>();
        for (String l : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (l.isBlank()) continue;
            try {
                rows.add(JournalCodec.decode(l));
            } catch (IllegalArgumentException e) {
                log.warn("usage intake {} has an unreadable line (cut short by a crash?); skipped", p.getFileName());
            }
        }
        return rows;
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list usage intake log " + dir, e);
        }
    }

    private static long number(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }
}
