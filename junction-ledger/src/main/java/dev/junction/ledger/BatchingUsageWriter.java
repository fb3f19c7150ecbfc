package dev.junction.ledger;

import dev.junction.ledger.store.UsageStore;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's {@link UsageSink}: takes one {@link UsageRecord} per finished request on the
 * request thread and writes them to a {@link UsageStore} in batches, on one background thread.
 *
 * <h2>Why it looks like this</h2>
 * A request must never wait for the database, and the database should see few, large
 * transactions rather than one per request. So {@link #offer} only puts the record on a bounded
 * in-memory queue, and a single writer thread takes whatever has accumulated (up to
 * {@code maxBatch} rows) and writes it in one transaction. A batch that is not full waits up to
 * {@code flushInterval} after its first row for more (group commit), so a lone row waits at most
 * that long. Writing at once instead made batches of a few rows at a few thousand requests a
 * second, and a commit costs nearly as much for 5 rows as for 500 (SQLite rewrites every index
 * page it touched): about 100 us of CPU per row instead of 20.
 *
 * <h2>States of the writer thread</h2>
 * <ul>
 *   <li><b>Healthy</b>: batches go to the store. A failed write moves the batch to the journal
 *       (at once, so a kill loses nothing that was accepted before it) and the writer to
 *       degraded. Between batches, a due {@link RetentionSweep} deletes one batch of old rows.</li>
 *   <li><b>Degraded</b> (journal configured): every batch goes straight to the journal, so rows
 *       reach the disk within {@code flushInterval} of being offered. Every backoff period
 *       (doubling from {@code initialBackoff} to {@code maxBackoff}) the writer replays the
 *       journal into the store; when the replay succeeds it is healthy again. A writer that
 *       starts with a non-empty journal (rows left by an earlier run) starts here and replays
 *       at once.</li>
 *   <li><b>Holding</b> (no journal): the failed batch stays in memory and is retried with the
 *       same backoff; the queue fills behind it, and once full, new rows are dropped and
 *       counted. Nothing else can be done without a place to spill.</li>
 *   <li><b>Closing</b>: {@link #close} stops taking the fast path and waits for the thread to
 *       drain the queue: into the store when healthy, into the journal when degraded or when a
 *       write fails. Without a journal it retries until {@code closeTimeout} and then reports,
 *       loudly, how many rows it could not write.</li>
 * </ul>
 *
 * <h2>Overflow</h2>
 * When the queue is full (the store is slower than the traffic), {@code offer} appends the
 * record to the journal itself: a short local file write, never a database call. The writer
 * replays such rows after its next successful batch. Without a journal the row is dropped and
 * counted, and the drop is logged.
 *
 * <h2>What it guarantees, and what it does not</h2>
 * <ul>
 *   <li>Every offered row ends up in the store exactly once, or is counted in
 *       {@link #droppedRows} (no journal, and the queue was full or the store still failed at
 *       the close timeout). Rows may be handed to the store more than once (a replay after a
 *       crash, a retried batch); the store's unique keys keep one copy.</li>
 *   <li>A clean {@link #close} stores or journals every row offered before it, and then closes the
 *       journal and the store, which the writer owns.</li>
 *   <li>With a journal, a killed process loses no row that {@code offer} accepted: each is written
 *       to the {@link IntakeLog} (flushed to the OS, not fsynced) before {@code offer} returns, and
 *       the next start moves what was not yet stored into the journal for replay. Only requests still
 *       in flight, which have no row yet, are lost. Without a journal, the rows on the queue and the
 *       batch in flight (the last {@code flushInterval} or so) are lost.</li>
 *   <li>Rows reach the store in offer order while it is healthy. Rows that went through the
 *       journal arrive after rows offered later; {@code created_at} carries the real time, and
 *       no report depends on insertion order.</li>
 * </ul>
 */
public final class BatchingUsageWriter implements UsageSink {
    private static final Logger log = LoggerFactory.getLogger(BatchingUsageWriter.class);


    private final UsageStore store;
    private final Journal journal;
    /** With a journal: every accepted row is on disk before {@code offer} returns (see {@link IntakeLog}). */
    private final IntakeLog intake;
    private final java.util.concurrent.locks.ReentrantLock intakeLock = new java.util.concurrent.locks.ReentrantLock();
    private long acceptedSeq; // rows put on the queue so far; guarded by intakeLock
    private final WriterSettings settings;
    private final RetentionSweep retention;
    private final BlockingQueue<UsageRecord> queue;
    private final Thread thread;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();

    /** False from a failed write until the next successful write or replay; read by readiness checks. */
    private volatile boolean storeReachable = true;

    // writer-thread state
    private long takenSeq; // rows taken off the queue so far: the queue is FIFO, so these are rows 1..takenSeq
    private boolean degraded;
    private long retryAtNanos;
    private Duration backoff;

    /**
     * Starts the writer thread. The writer owns {@code store} and {@code journal} and closes them.
     *
     * @param journal   where rows go while the store fails; null to hold them in memory instead
     * @param retention deletes old rows between batches while the store is healthy; null keeps every row
     */
    public BatchingUsageWriter(UsageStore store, Journal journal, WriterSettings settings, RetentionSweep retention) {
        this.store = store;
        this.journal = journal;
        this.settings = settings;
        this.retention = retention;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.backoff = settings.initialBackoff();
        this.intake = journal == null ? null : IntakeLog.open(journal.directory().resolve("intake"));
        if (intake != null) intake.recoverInto(journal); // rows a killed run had accepted but not stored
        if (journal != null && journal.rows() > 0) {
            degraded = true; // rows of an earlier run: replay them before anything newer
            retryAtNanos = System.nanoTime();
        }
        this.thread = Thread.ofPlatform().name("junction-usage-writer").daemon().unstarted(this::run);
        thread.start();
    }

    public BatchingUsageWriter(UsageStore store, Journal journal, WriterSettings settings) {
        this(store, journal, settings, null);
    }

    public BatchingUsageWriter(UsageStore store, Journal journal) { this(store, journal, WriterSettings.defaults()); }

    /**
     * Never waits for the store: queues the record, or journals or drops it when the queue is full. With
     * a journal, the row is first appended to the intake log (a local file write, flushed to the OS), so
     * a killed process cannot lose the row of a request that has finished.
     */
    @Override
    public void offer(UsageRecord record) {
        if (intake == null) {
            if (!closing.get() && queue.offer(record)) return;
        } else if (accept(record)) {
            return;
        }
        overflow(record, closing.get() ? "the writer is closed" : "the queue is full");
    }

    /** Logs then queues the row, under one lock so that queue order is log order. */
    private boolean accept(UsageRecord record) {
        intakeLock.lock();
        try {
            if (closing.get() || queue.remainingCapacity() == 0) return false;
            intake.append(record, acceptedSeq + 1);
            acceptedSeq++;
            queue.add(record); // cannot fail: only holders of this lock add, and there was room
            return true;
        } catch (RuntimeException e) {
            log.error("usage intake log append failed: {}", e.getMessage());
            return false;
        } finally {
            intakeLock.unlock();
        }
    }

    /** Rows waiting in memory (the {@code junction_ledger_queue_depth} gauge). */
    public int queueDepth() { return queue.size(); }

    /** Rows in the journal waiting for replay (the {@code junction_ledger_journal_rows} gauge). */
    public long journalRows() { return journal == null ? 0 : journal.rows(); }

    /**
     * Whether rows are safe: the last write reached the store, or a journal takes them while it is down
     * (what {@code /readyz} reports).
     */
    public boolean acceptingRows() { return storeReachable || journal != null; }

    /** Whether the last write or replay reached the store. */
    public boolean storeReachable() { return storeReachable; }

    /** Rows the store confirmed, replays included. */
    public long writtenRows() { return written.get(); }

    /** Rows lost: the queue was full or the writer closed, and there was no journal to take them. */
    public long droppedRows() { return dropped.get(); }

    /** Rows that bypassed the queue into the journal because it was full. */
    public long overflowedRows() { return overflowed.get(); }

    /** Writes or journals every offered row, then closes the journal and the store. Idempotent. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) LockSupport.unpark(thread);
        try {
            thread.join(settings.closeTimeout().plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("usage writer did not finish within its close timeout; {} rows still queued", queue.size());
            thread.interrupt();
            return;
        }
        // an offer that raced with close() may have queued a row after the writer's last look
        List<UsageRecord> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(r -> overflow(r, "the writer is closed"));
        if (intake != null) {
            // every accepted row is now stored or journaled; a lost one stays in the intake for the next start
            if (dropped.get() == 0) intake.release(Long.MAX_VALUE);
            intake.close();
        }
        if (journal != null) journal.close();
        store.close();
    }

    private void overflow(UsageRecord record, String why) {
        if (journal != null) {
            try {
                journal.append(List.of(record));
                overflowed.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                log.error("usage journal append failed while {}: {}", why, e.getMessage());
            }
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1_000 == 0) {
            log.error("usage row {} DROPPED because {} and there is no journal to spill to ({} dropped so far)",
                    record.requestId(), why, n);
        }
    }

    // ---------------------------------------------------------------- writer thread

    private void run() {
        List<UsageRecord> batch = new ArrayList<>(settings.maxBatch());
        long closeDeadline = 0;
        while (true) {
            boolean isClosing = closing.get();
            if (isClosing && closeDeadline == 0) closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
            if (batch.isEmpty()) take(batch, isClosing);

            if (isClosing && System.nanoTime() - closeDeadline >= 0 && !batch.isEmpty()) {
                giveUp(batch);
                return;
            }
            if (batch.isEmpty() && isClosing) {
                // clean end: replay what the journal holds (overflow, or an earlier run's rows), unless
                // the store failed so recently that another try would only delay the shutdown
                boolean storeMayBeUp = !degraded || System.nanoTime() - retryAtNanos >= 0;
                if (journal != null && journal.rows() > 0 && storeMayBeUp) tryReplay();
                return;
            }
            if (degraded && journal != null) {
                journalOrKeep(batch);
                if (!isClosing && System.nanoTime() - retryAtNanos >= 0) {
                    // a replay against a dead store blocks for the connection timeout: put what is
                    // queued on disk first, so only rows offered during the attempt wait in memory
                    takenSeq += queue.drainTo(batch);
                    journalOrKeep(batch);
                    tryReplay();
                }
                continue;
            }
            // healthy: at most one short delete batch, then back to the rows
            if (retention != null && !isClosing) retention.runIfDue(store);
            if (batch.isEmpty()) continue;
            if (write(batch)) {
                batch.clear();
                if (journal != null && journal.rows() > 0) tryReplay(); // rows that overflowed meanwhile
            } else if (journal != null) {
                journalOrKeep(batch);
                enterDegraded();
            } else {
                pause(isClosing ? settings.initialBackoff() : nextBackoff()); // holding: keep the batch, retry
            }
        }
    }

    /** The close timeout passed with rows left: journal them if at all possible, else count them lost. */
    private void giveUp(List<UsageRecord> batch) {
        takenSeq += queue.drainTo(batch);
        if (journal != null) {
            try {
                journal.append(batch);
                releaseIntake();
                log.warn("usage writer closing: {} rows not stored in time, left in {} for the next start",
                        batch.size(), journal.directory());
                return;
            } catch (RuntimeException e) {
                log.error("usage journal append at close failed: {}", e.getMessage());
            }
        }
        dropped.addAndGet(batch.size());
        log.error("usage writer closing: {} usage rows LOST (the store failed and no journal took them)", batch.size());
    }

    /**
     * Waits up to {@code flushInterval} for a first row (not at all when closing); unless that fills a
     * batch, lets more rows gather for another {@code flushInterval}, then takes what is there.
     */
    private void take(List<UsageRecord> batch, boolean isClosing) {
        UsageRecord first;
        if (isClosing) {
            first = queue.poll();
        } else {
            try {
                first = queue.poll(settings.flushInterval().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                first = null; // close() may interrupt a stuck writer; the loop re-checks the flag
            }
        }
        if (first == null) return;
        batch.add(first);
        takenSeq++;
        takenSeq += queue.drainTo(batch, settings.maxBatch() - 1);
        if (!isClosing && batch.size() < settings.maxBatch()) {
            LockSupport.parkNanos(settings.flushInterval().toNanos()); // close() unparks at once
            takenSeq += queue.drainTo(batch, settings.maxBatch() - batch.size());
        }
    }

    private boolean write(List<UsageRecord> batch) {
        try {
            // behind: another full batch already waits. A full batch alone is not a backlog: at 7,500 rows
            // a second every batch is full, and a writer that then kept the CPU for the whole batch
            // (~6 ms) made the slowest 1 % of one-connection requests wait ~3 ms (BENCHMARKS.md)
            store.writeBatch(batch, queue.size() >= settings.maxBatch());
            written.addAndGet(batch.size());
            releaseIntake();
            backoff = settings.initialBackoff();
            storeReachable = true;
            return true;
        } catch (RuntimeException e) {
            storeReachable = false;
            log.warn("usage store write of {} rows failed: {}", batch.size(), e.getMessage());
            return false;
        }
    }

    /** Journals the batch and clears it; when the disk fails too, keeps it to try again after a pause. */
    private void journalOrKeep(List<UsageRecord> batch) {
        if (batch.isEmpty()) return;
        try {
            journal.append(batch);
            batch.clear();
            releaseIntake();
        } catch (RuntimeException e) {
            log.error("usage journal append of {} rows failed: {}", batch.size(), e.getMessage());
            pause(closing.get() ? settings.initialBackoff() : nextBackoff());
        }
    }

    /** The batch just stored or journaled was the only one taken and not yet safe: every row taken so far is. */
    private void releaseIntake() {
        if (intake == null) return;
        try {
            intake.release(takenSeq);
        } catch (RuntimeException e) {
            log.warn("usage intake log cleanup failed: {}", e.getMessage()); // rows replay harmlessly next start
        }
    }

    private void tryReplay() {
        try {
            long n = journal.replay(rows -> {
                store.writeBatch(rows, true); // the journal is a backlog
                written.addAndGet(rows.size());
            }, settings.maxBatch());
            if (n > 0) log.info("replayed {} journaled usage rows into the store", n);
            degraded = false;
            storeReachable = true;
            backoff = settings.initialBackoff();
        } catch (RuntimeException e) {
            log.warn("usage journal replay failed, {} rows wait in {}: {}", journal.rows(), journal.directory(), e.getMessage());
            enterDegraded();
        }
    }

    private void enterDegraded() {
        if (!degraded) log.error("usage store unreachable; journaling usage rows to {}", journal.directory());
        degraded = true;
        storeReachable = false;
        retryAtNanos = System.nanoTime() + nextBackoff().toNanos();
    }

    private Duration nextBackoff() {
        Duration current = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        return current;
    }

    /** Sleeps; {@link #close} wakes it once, so closing starts at once. */
    private void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }
}
