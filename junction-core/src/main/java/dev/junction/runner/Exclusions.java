package dev.junction.runner;

import dev.junction.route.Plan;
import java.util.HashSet;
import java.util.Set;

/** What one run has learnt to avoid: providers whose credentials failed, and windows too small for the prompt. */
final class Exclusions {
    private final Set<String> failedProviders = new HashSet<>();
    private Integer windowFloor; // after context_too_long: only windows larger than this

    /** Why {@code c} must be skipped now, or null. */
    SkipReason reasonToSkip(Plan.Candidate c) {
        // Its provider's credentials failed earlier in this request: the same key fails the same way.
        if (failedProviders.contains(c.model().provider())) return SkipReason.CREDENTIALS_FAILED;
        // The prompt did not fit a window at least this large.
        Integer window = c.info().contextWindow();
        if (windowFloor != null && !(window != null && window > windowFloor)) return SkipReason.CONTEXT_TOO_SMALL;
        return null;
    }

    void providerFailed(String provider) { failedProviders.add(provider); }

    void needLargerThan(int window) { windowFloor = window; }

    boolean providerFailedAlready(String provider) { return failedProviders.contains(provider); }
}
