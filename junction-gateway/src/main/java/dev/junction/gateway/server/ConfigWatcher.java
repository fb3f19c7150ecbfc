package dev.junction.gateway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads when the config file changes. Looks at the file's modification time, size and identity twice
 * a second (an editor that replaces the file changes its identity), and reloads once they have stayed
 * the same for one more look, so a save that arrives as several writes triggers one reload of the
 * finished file.
 *
 * <p>Why not a directory watch: the ledger's SQLite files and journal often live beside the config, and
 * every write to them woke a watch thread (at 18,000 requests/s that was 1.4 % of the gateway's CPU).
 * One {@code stat} every 500 ms costs nothing by comparison.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    static final Duration POLL = Duration.ofMillis(500);

    private final Path file;
    private final Runnable onChange;
    private final Thread thread;
    private final Stamp initial;
    private volatile boolean closed;

    /** What is compared between looks; null when the file is missing. */
    private record Stamp(long modifiedNanos, long size, Object key) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                        + a.lastModifiedTime().toInstant().getNano(), a.size(), a.fileKey());
            } catch (NoSuchFileException e) {
                return null; // mid-replace, or deleted: wait for it to come back
            } catch (IOException e) {
                log.debug("cannot stat the config file {}", file, e);
                return null;
            }
        }
    }

    private ConfigWatcher(Path file, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.initial = Stamp.of(file);
        this.thread = Thread.ofPlatform().name("junction-config-watch").daemon().unstarted(this::run);
    }

    static ConfigWatcher start(Path configFile, Runnable onChange) {
        ConfigWatcher w = new ConfigWatcher(configFile.toAbsolutePath(), onChange);
        w.thread.start();
        return w;
    }

    private void run() {
        Stamp loaded = initial;
        Stamp seen = loaded;
        while (!closed) {
            LockSupport.parkNanos(POLL.toNanos());
            if (closed) return;
            Stamp now = Stamp.of(file);
            // reload a changed file once it has stayed the same for one look (a multi-write save is done)
            if (now != null && now.equals(seen) && !now.equals(loaded)) {
                loaded = now;
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("config reload after a file change failed; reload with POST /v1/junction/reload", e);
                }
            }
            seen = now;
        }
    }

    @Override public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
