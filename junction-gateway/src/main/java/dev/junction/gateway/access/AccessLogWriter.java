package dev.junction.gateway.access;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes access-log lines in batches: request threads only queue their line (no lock, no wake-up, no
 * system call), and one daemon thread writes whatever is queued every {@code interval} in one write.
 * A line therefore appears at most one interval after its request ended. Going through a logging
 * framework per line cost a formatted event and a system call per request, a few percent of the
 * gateway's CPU at load.
 */
public final class AccessLogWriter implements AutoCloseable {
    /** How long a line may wait before it is written. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    private final OutputStream out;
    private final long intervalNanos;
    private final ConcurrentLinkedQueue<byte[]> lines = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public AccessLogWriter(OutputStream out, Duration interval) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.writer = Thread.ofPlatform().daemon().name("junction-access-log").start(this::run);
    }

    /** Lines to the process's standard error, as the other logs. */
    public static AccessLogWriter stderr() {
        return new AccessLogWriter(new FileOutputStream(FileDescriptor.err), DEFAULT_INTERVAL);
    }

    /** Queues one line (UTF-8, without its newline). */
    public void accept(byte[] line) {
        if (!closed) lines.offer(line);
    }

    private void run() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
        while (!closed) {
            LockSupport.parkNanos(this, intervalNanos);
            drain(batch);
        }
    }

    /** Writes every queued line now. */
    public synchronized void flush() {
        drain(new ByteArrayOutputStream());
    }

    private synchronized void drain(ByteArrayOutputStream batch) {
        byte[] line;
        while ((line = lines.poll()) != null) {
            batch.write(line, 0, line.length);
            batch.write('\n');
            if (batch.size() >= 60 * 1024) write(batch);
        }
        if (batch.size() > 0) write(batch);
    }

    private void write(ByteArrayOutputStream batch) {
        try {
            batch.writeTo(out);
            out.flush();
        } catch (IOException e) {
            // nowhere left to say it: the lines are dropped, requests are not affected
        }
        batch.reset();
    }

    /** Writes what is queued and stops the writer thread. */
    @Override public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
