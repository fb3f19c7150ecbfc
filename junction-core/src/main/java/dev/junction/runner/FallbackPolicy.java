package dev.junction.runner;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.route.Route;
import java.time.Duration;

/**
 * The table of reference/providers.md §5 as code: what to do after one failed attempt. Pure: no I/O,
 * no clock; the time left is passed in.
 */
public final class FallbackPolicy {
    private final Backoff backoff;

    public FallbackPolicy(Backoff backoff) { this.backoff = backoff; }

    /**
     * @param retriesDone same-model retries already made for this candidate
     * @param remaining   time left in the route's budget
     */
    public Decision decide(Failure failure, Route route, int retriesDone, Duration remaining) {
        ErrorClass c = failure.effectiveClass();
        // The caller's own mistake: no other model would do better.
        if (c.callerFault()) return Decision.STOP;
        // A refusal is an answer; moving on is the route's explicit choice.
        if (c == ErrorClass.CONTENT_REFUSED) {
            return route.fallbackOnRefusal() && route.allowFallback() ? Decision.NEXT : Decision.STOP;
        }
        // A transient failure may clear on the same model, when the route asks for retries and the wait fits.
        if (c.transientFailure() && retriesDone < route.retries()) {
            Duration wait = backoff.delay(retriesDone, failure.retryAfter());
            if (wait.compareTo(remaining) < 0) return new Decision.RetrySame(wait);
        }
        if (!route.allowFallback()) return Decision.STOP;
        // The route narrowed the classes that may fall back.
        if (route.fallbackOn() != null && !route.fallbackOn().contains(c)) return Decision.STOP;
        if (c == ErrorClass.CONTEXT_TOO_LONG) return Decision.LARGER_WINDOW;
        // Every candidate on the same credentials would fail the same way.
        if (c.credentialScoped()) return Decision.SKIP_PROVIDER;
        return c.fallbackSafe() ? Decision.NEXT : Decision.STOP;
    }
}
