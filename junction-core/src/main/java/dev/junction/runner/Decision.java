package dev.junction.runner;

import java.time.Duration;

/** What the runner does after a failed attempt; decided by {@link FallbackPolicy}. */
public sealed interface Decision {
    /** Try the same model again after {@code delay}. */
    record RetrySame(Duration delay) implements Decision {}

    /** Move on to the next candidate. */
    record NextCandidate() implements Decision {}

    /** The credentials failed: skip every remaining candidate on this provider, then move on. */
    record SkipProvider() implements Decision {}

    /** The prompt did not fit: move on, but only to candidates with a larger window than this one. */
    record NextLargerWindow() implements Decision {}

    /** Give the failure to the caller now. */
    record Stop() implements Decision {}

    Decision NEXT = new NextCandidate();
    Decision SKIP_PROVIDER = new SkipProvider();
    Decision LARGER_WINDOW = new NextLargerWindow();
    Decision STOP = new Stop();
}
