package dev.junction.runner;

import dev.junction.error.Failure;

/** How one candidate ended. */
public sealed interface Outcome {
    /** The spelling in {@code llm_attempt.outcome}: {@code ok}, a class id, {@code skipped:REASON}, ... */
    String ledgerName();

    record Ok() implements Outcome {
        @Override public String ledgerName() { return "ok"; }
    }

    record Failed(Failure failure) implements Outcome {
        @Override public String ledgerName() { return failure.errorClass().wireName(); }
    }

    record Skipped(SkipReason reason) implements Outcome {
        @Override public String ledgerName() { return "skipped:" + reason.wireName(); }
    }

    /** The caller went away; the upstream request was cancelled. */
    record Cancelled() implements Outcome {
        @Override public String ledgerName() { return "cancelled"; }
    }

    /** A stream failed after content reached the caller. */
    record Interrupted(Failure failure) implements Outcome {
        @Override public String ledgerName() { return "interrupted"; }
    }

    Outcome OK = new Ok();
    Outcome CANCELLED = new Cancelled();
}
