package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.providers.Golden;
import java.io.IOException;
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

/** One row per line of reference/providers.md §5.1 that concerns OpenAI-format providers. */
class OpenAiErrorClassifierTest {
    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier(InstantSource.fixed(NOW));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | openai-rate-limit              | RATE_LIMITED
            429 | azure-rate-limit               | RATE_LIMITED
            429 | groq-rate-limit                | RATE_LIMITED
            429 | qwen-throttling                | RATE_LIMITED
            503 | openai-slow-down               | RATE_LIMITED
            429 | openai-insufficient-quota      | QUOTA_EXHAUSTED
            429 | openai-spend-limit             | QUOTA_EXHAUSTED
            402 | deepseek-insufficient-balance  | QUOTA_EXHAUSTED
            402 | together-spend-limit           | QUOTA_EXHAUSTED
            400 | qwen-arrearage                 | QUOTA_EXHAUSTED
            429 | qwen-allocation-quota          | QUOTA_EXHAUSTED
            503 | openai-overloaded              | OVERLOADED
            503 | deepseek-overloaded            | OVERLOADED
            498 | groq-capacity                  | OVERLOADED
            408 | openai-server-error            | TIMEOUT
            504 | gateway-timeout-html           | TIMEOUT
            500 | openai-server-error            | SERVER_ERROR
            502 | gateway-timeout-html           | SERVER_ERROR
            500 | vllm-internal                  | SERVER_ERROR
            400 | openai-context-length          | CONTEXT_TOO_LONG
            400 | deepseek-context               | CONTEXT_TOO_LONG
            400 | vllm-context                   | CONTEXT_TOO_LONG
            400 | qwen-input-length              | CONTEXT_TOO_LONG
            403 | together-context-403           | CONTEXT_TOO_LONG
            400 | azure-content-filter           | CONTENT_REFUSED
            400 | qwen-data-inspection           | CONTENT_REFUSED
            400 | openai-unsupported-parameter   | INVALID_REQUEST
            422 | vllm-bad-request               | INVALID_REQUEST
            400 | vllm-bad-request               | INVALID_REQUEST
            413 | groq-too-large                 | INVALID_REQUEST
            401 | openai-invalid-api-key         | AUTHENTICATION
            403 | openai-region                  | AUTHENTICATION
            401 | azure-unauthorized             | AUTHENTICATION
            401 | qwen-invalid-api-key           | AUTHENTICATION
            403 | qwen-access-denied             | AUTHENTICATION
            404 | openai-model-not-found         | MODEL_NOT_FOUND
            404 | azure-deployment-not-found     | MODEL_NOT_FOUND
            404 | qwen-model-not-found           | MODEL_NOT_FOUND
            404 | vllm-flat-not-found            | MODEL_NOT_FOUND
            404 | ollama-not-found               | MODEL_NOT_FOUND
            200 | vllm-internal                  | SERVER_ERROR
            200 | openai-rate-limit              | RATE_LIMITED
            200 | qwen-data-inspection           | CONTENT_REFUSED
            302 | gateway-timeout-html           | UNKNOWN
            """)
    void classify_statusAndBody_givesErrorClass(int status, String fixture, ErrorClass expected) {
        Failure f = classifier.classify(status, Map.of(), Golden.read("openai/error/" + fixture + ".json"));
        assertThat(f.errorClass()).isEqualTo(expected);
        assertThat(f.httpStatus()).isEqualTo(status);
    }

    @Test
    void classify_invalidApiKey_redactsTheKeyFromTheMessage() {
        Failure f = classifier.classify(401, Map.of(), Golden.read("openai/error/openai-invalid-api-key.json"));
        assertThat(f.message()).contains("sk-***").doesNotContain("abcdef1234567890");
        assertThat(f.providerCode()).isEqualTo("invalid_api_key");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            retry-after-ms | 1500.5                        | PT1.5005S
            retry-after    | 6                             | PT6S
            retry-after    | 0.25                          | PT0.25S
            retry-after    | Sat, 01 Aug 2026 12:00:30 GMT | PT30S
            retry-after    | Sat, 01 Aug 2026 11:00:00 GMT | PT0S
            """)
    void classify_retryHeaders_giveRetryAfter(String header, String value, Duration expected) {
        Failure f = classifier.classify(429, Map.of(header, List.of(value)), Golden.read("openai/error/openai-rate-limit.json"));
        assertThat(f.retryAfter()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "remaining {0}/{1}, reset {2}/{3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0    | 9000 | 45s    | 2s    | PT45S
            9999 | 0    | 20ms   | 1.5s  | PT1.5S
            0    | 0    | 1m0.5s | 250ms | PT1M
            0    | 0    | 12ms   | 250ms | PT0.25S
            0    | 9000 | 1h2m3s | 2s    | PT1M
            5    | 9000 | 6m0s   | 2s    | -
            0    | 9000 | soon   | 2s    | -
            """)
    void classify_429WithOnlyRateLimitHeaders_waitsForTheExhaustedWindowsReset_atMostAMinute(String remainingRequests, String remainingTokens,
                                                                              String resetRequests, String resetTokens, Duration expected) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("x-ratelimit-remaining-requests", List.of(remainingRequests));
        headers.put("x-ratelimit-remaining-tokens", List.of(remainingTokens));
        headers.put("x-ratelimit-reset-requests", List.of(resetRequests));
        headers.put("x-ratelimit-reset-tokens", List.of(resetTokens));
        Failure f = classifier.classify(429, headers, Golden.read("openai/error/openai-rate-limit.json"));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(f.retryAfter()).isEqualTo(expected);
    }

    @Test
    void classify_retryAfterAndRateLimitHeaders_retryAfterWins() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("retry-after", List.of("3"));
        headers.put("x-ratelimit-remaining-requests", List.of("0"));
        headers.put("x-ratelimit-reset-requests", List.of("6m0s"));
        assertThat(classifier.classify(429, headers, new byte[0]).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void classify_bothRetryHeaders_prefersMilliseconds() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("retry-after", List.of("6"));
        headers.put("retry-after-ms", List.of("250"));
        assertThat(classifier.classify(429, headers, new byte[0]).retryAfter()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void classify_noResponse_isTimeoutOrConnection() {
        assertThat(classifier.classify(new IOException("read timed out"), true).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(classifier.classify(new SocketException("Connection reset"), false).errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(classifier.classify(new SocketException("Connection reset"), false).httpStatus()).isZero();
    }

    @Test
    void classify_longMessage_isShortened() {
        String body = "{\"error\":{\"message\":\"" + "x".repeat(5000) + "\"}}";
        assertThat(classifier.classify(500, Map.of(), body.getBytes()).message()).hasSizeLessThan(300);
    }
}
