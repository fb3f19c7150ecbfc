package dev.junction.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.route.ModelId;
import dev.junction.route.Route;
import dev.junction.route.WeightedModel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** reference/providers.md §5 as a table: error class x route flags -> decision. */
class FallbackPolicyTest {
    private final FallbackPolicy policy = new FallbackPolicy(new Backoff(new Random(1)));

    private static Route route(boolean allowFallback, int retries, boolean onRefusal, Set<ErrorClass> fallbackOn) {
        return new Route("t", List.of(new WeightedModel(ModelId.parse("p/a"), 1)), List.of(ModelId.parse("q/b")), null, null,
                allowFallback, retries, fallbackOn, onRefusal, null, null, false, false, false);
    }

    @ParameterizedTest(name = "{0} status {1}, allowFallback={2}, retries={3}, onRefusal={4} -> {5}")
    @CsvSource({
            // class,          status, allow, retries, refusal, expected
            "rate_limited,     429,    true,  0,       false,   NextCandidate",
            "rate_limited,     429,    false, 0,       false,   Stop",
            "rate_limited,     429,    true,  1,       false,   RetrySame",
            "overloaded,       529,    true,  0,       false,   NextCandidate",
            "timeout,          0,      true,  0,       false,   NextCandidate",
            "connection,       0,      true,  0,       false,   NextCandidate",
            "server_error,     500,    true,  0,       false,   NextCandidate",
            "server_error,     500,    true,  2,       false,   RetrySame",
            "quota_exhausted,  429,    true,  3,       false,   SkipProvider",
            "authentication,   401,    true,  3,       false,   SkipProvider",
            "authentication,   401,    false, 0,       false,   Stop",
            "context_too_long, 400,    true,  3,       false,   NextLargerWindow",
            "context_too_long, 400,    false, 0,       false,   Stop",
            "content_refused,  400,    true,  0,       false,   Stop",
            "content_refused,  400,    true,  0,       true,    NextCandidate",
            "content_refused,  400,    false, 0,       true,    Stop",
            "invalid_request,  400,    true,  3,       true,    Stop",
            "model_not_found,  404,    true,  3,       false,   NextCandidate",
            "unknown,          503,    true,  0,       false,   NextCandidate",
            "unknown,          409,    true,  3,       false,   Stop",
    })
    void decide_followsTheErrorClassTable(String cls, int status, boolean allow, int retries, boolean refusal, String expected) {
        Failure f = new Failure(ErrorClass.fromWireName(cls), status, null, null, "m");

        Decision d = policy.decide(f, route(allow, retries, refusal, null), 0, Duration.ofSeconds(30));

        assertThat(d.getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "retry-after {0}s with {1}ms left -> {2}")
    @CsvSource({"1, 5000, RetrySame", "5, 2000, NextCandidate", "2, 2000, NextCandidate"})
    void decide_retryAfterMustFitTheBudget(int retryAfterSeconds, long remainingMs, String expected) {
        Failure f = new Failure(ErrorClass.RATE_LIMITED, 429, Duration.ofSeconds(retryAfterSeconds), null, "m");

        Decision d = policy.decide(f, route(true, 1, false, null), 0, Duration.ofMillis(remainingMs));

        assertThat(d.getClass().getSimpleName()).isEqualTo(expected);
        if (d instanceof Decision.RetrySame(Duration delay)) assertThat(delay).isEqualTo(Duration.ofSeconds(retryAfterSeconds));
    }

    @ParameterizedTest(name = "fallbackOn [rate_limited, timeout]: {0} -> {1}")
    @CsvSource({"rate_limited, NextCandidate", "timeout, NextCandidate", "server_error, Stop", "authentication, Stop"})
    void decide_fallbackOnNarrowsTheClasses(String cls, String expected) {
        Failure f = new Failure(ErrorClass.fromWireName(cls), 500, null, null, "m");
        Route narrowed = route(true, 0, false, Set.of(ErrorClass.RATE_LIMITED, ErrorClass.TIMEOUT));

        assertThat(policy.decide(f, narrowed, 0, Duration.ofSeconds(30)).getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "retries exhausted after {0} -> NextCandidate")
    @CsvSource({"1", "2"})
    void decide_retriesUsedUp_movesOn(int done) {
        Failure f = new Failure(ErrorClass.OVERLOADED, 529, null, null, "m");

        assertThat(policy.decide(f, route(true, done, false, null), done, Duration.ofSeconds(30)))
                .isInstanceOf(Decision.NextCandidate.class);
    }
}
