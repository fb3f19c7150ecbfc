package dev.junction.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.providers.Golden;
import dev.junction.providers.http.Redaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per Anthropic line of reference/providers.md §2.6 and §5.1, plus the in-stream errors of §5.2. */
class AnthropicErrorClassifierTest {
    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private static final String KEY = "sk-ant-api03-test-secret-0123456789";
    private final AnthropicErrorClassifier classifier =
            new AnthropicErrorClassifier(Redaction.of(Secret.of(KEY)), InstantSource.fixed(NOW));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            401 | authentication          | AUTHENTICATION
            403 | permission              | AUTHENTICATION
            402 | billing                 | QUOTA_EXHAUSTED
            400 | credit-balance          | QUOTA_EXHAUSTED
            400 | usage-limits            | QUOTA_EXHAUSTED
            400 | prompt-too-long         | CONTEXT_TOO_LONG
            400 | exceed-context-limit    | CONTEXT_TOO_LONG
            413 | request-too-large       | CONTEXT_TOO_LONG
            413 | request-too-large-html  | CONTEXT_TOO_LONG
            404 | not-found               | MODEL_NOT_FOUND
            429 | rate-limit              | RATE_LIMITED
            529 | overloaded              | OVERLOADED
            503 | overloaded              | OVERLOADED
            500 | api-error               | SERVER_ERROR
            504 | timeout                 | TIMEOUT
            400 | invalid-request         | INVALID_REQUEST
            409 | unknown-type            | INVALID_REQUEST
            422 | unknown-type            | INVALID_REQUEST
            503 | unknown-type            | SERVER_ERROR
            529 | unknown-type            | OVERLOADED
            504 | request-too-large-html  | TIMEOUT
            502 | request-too-large-html  | SERVER_ERROR
            200 | overloaded              | OVERLOADED
            200 | api-error               | SERVER_ERROR
            200 | rate-limit              | RATE_LIMITED
            200 | unknown-type            | SERVER_ERROR
            302 | request-too-large-html  | UNKNOWN
            """)
    void classify_statusAndBody_givesErrorClass(int status, String fixture, ErrorClass expected) {
        Failure f = classifier.classify(status, Map.of(), Golden.read("anthropic/error/" + fixture + ".json"));
        assertThat(f.errorClass()).isEqualTo(expected);
        assertThat(f.httpStatus()).isEqualTo(status);
    }

    @Test
    void classify_errorBody_keepsTypeAsProviderCodeAndTheMessage() {
        Failure f = classifier.classify(529, Map.of(), Golden.read("anthropic/error/overloaded.json"));
        assertThat(f.providerCode()).isEqualTo("overloaded_error");
        assertThat(f.message()).isEqualTo("Overloaded");
    }

    @Test
    void classify_messageQuotingTheConfiguredKey_redactsIt() {
        Failure f = classifier.classify(401, Map.of(), Golden.read("anthropic/error/key-echo.json"));
        assertThat(f.message()).isEqualTo("invalid x-api-key: *** was revoked").doesNotContain(KEY);
    }

    @Test
    void classify_ioFailureQuotingTheKey_redactsIt() {
        Failure f = classifier.classify(new IOException("header x-api-key=" + KEY + " rejected"), false);
        assertThat(f.message()).doesNotContain(KEY).contains("***");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            retry-after    | 20                            | PT20S
            retry-after    | 0.5                           | PT0.5S
            retry-after    | Sat, 01 Aug 2026 12:00:30 GMT | PT30S
            retry-after    | Sat, 01 Aug 2026 11:00:00 GMT | PT0S
            retry-after-ms | 1500                          | PT1.5S
            retry-after    | soon                          |
            """)
    void classify_retryHeaders_giveRetryAfter(String header, String value, Duration expected) {
        Failure f = classifier.classify(429, Map.of(header, List.of(value)), Golden.read("anthropic/error/rate-limit.json"));
        assertThat(f.retryAfter()).isEqualTo(expected);
    }

    @Test
    void classify_429WithoutRetryAfter_waitsForTheLatestExhaustedLimitReset() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("anthropic-ratelimit-requests-remaining", List.of("0"));
        headers.put("anthropic-ratelimit-requests-reset", List.of("2026-08-01T12:00:20Z"));
        headers.put("anthropic-ratelimit-tokens-remaining", List.of("0"));
        headers.put("anthropic-ratelimit-tokens-reset", List.of("2026-08-01T12:00:45Z"));
        // not exhausted: its reset is no reason to wait
        headers.put("anthropic-ratelimit-output-tokens-remaining", List.of("8000"));
        headers.put("anthropic-ratelimit-output-tokens-reset", List.of("2026-08-01T12:05:00Z"));
        Failure f = classifier.classify(429, headers, Golden.read("anthropic/error/rate-limit.json"));
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void classify_retryAfterPresent_winsOverRateLimitResets() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("retry-after", List.of("3"));
        headers.put("anthropic-ratelimit-requests-remaining", List.of("0"));
        headers.put("anthropic-ratelimit-requests-reset", List.of("2026-08-01T12:00:20Z"));
        assertThat(classifier.classify(429, headers, new byte[0]).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void classify_noResponse_isTimeoutOrConnection() {
        assertThat(classifier.classify(new IOException("read timed out"), true).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        Failure reset = classifier.classify(new SocketException("Connection reset"), false);
        assertThat(reset.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(reset.httpStatus()).isZero();
        assertThat(classifier.classify(new ConnectException("Connection refused"), false).errorClass()).isEqualTo(ErrorClass.CONNECTION);
    }

    @Test
    void classify_emptyBody_usesTheStatusAndSaysSo() {
        Failure f = classifier.classify(529, Map.of(), new byte[0]);
        assertThat(f.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(f.message()).isEqualTo("HTTP 529");
    }

    @Test
    void classify_longMessage_isShortened() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + "x".repeat(5000) + "\"}}";
        assertThat(classifier.classify(500, Map.of(), body.getBytes()).message()).hasSizeLessThan(300);
    }
}
