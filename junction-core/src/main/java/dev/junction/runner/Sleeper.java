package dev.junction.runner;

import java.time.Duration;

/** Waits between same-model retries; tests inject one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d);
}
