package dev.junction.runner;

import dev.junction.error.Failure;

/** How one call ended, once recorded: the caller's result, or a failure for the policy to decide on. */
sealed interface Settled<R> {
    record Won<R>(R result) implements Settled<R> {}

    record Lost<R>(Failure failure) implements Settled<R> {}
}
