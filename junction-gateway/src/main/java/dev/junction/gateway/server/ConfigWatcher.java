package dev.junction.gateway.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads when the config file changes. Watches the file's directory (editors often replace a file
 * rather than write it in place) and waits for a quiet moment after the last event, so a save that
 * arrives as several writes triggers one reload of the finished file.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration QUIET = Duration.ofMillis(200);

    private final WatchService watch;
    private final Path file;
    private final Runnable onChange;
    private final Thread thread;

    private ConfigWatcher(WatchService watch, Path file, Runnable onChange) {
        this.watch = watch;
        this.file = file;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().name("junction-config-watch").daemon().unstarted(this::run);
    }

    static ConfigWatcher start(Path configFile, Runnable onChange) throws IOException {
        Path file = configFile.toAbsolutePath();
        WatchService watch = FileSystems.getDefault().newWatchService();
        file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        ConfigWatcher w = new ConfigWatcher(watch, file, onChange);
        w.thread.start();
        return w;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean changed = drain(key);
                // let a multi-write save finish: keep draining until nothing arrives for QUIET
                WatchKey more;
                while ((more = watch.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) changed |= drain(more);
                if (changed) onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("config watcher stopped; reload with POST /v1/junction/reload", e);
        }
    }

    private boolean drain(WatchKey key) {
        boolean changed = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path p && p.equals(file.getFileName())) changed = true;
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) changed = true;
        }
        key.reset();
        return changed;
    }

    @Override public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            log.debug("closing the config watcher", e);
        }
        thread.interrupt();
    }
}
