package dev.junction.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.providers.Golden;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per Gemini line of reference/providers.md §5.1, with the §3.9 quota-or-rate-limit cases. */
class GeminiErrorClassifierTest {
    private final GeminiErrorClassifier classifier = new GeminiErrorClassifier(Secret.of("test-secret-value"));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | api-key-invalid                | AUTHENTICATION
            401 | unauthenticated                | AUTHENTICATION
            403 | permission-denied              | AUTHENTICATION
            400 | failed-precondition            | QUOTA_EXHAUSTED
            429 | quota-per-day                  | QUOTA_EXHAUSTED
            429 | quota-limit-zero               | QUOTA_EXHAUSTED
            429 | prepayment-depleted            | QUOTA_EXHAUSTED
            429 | rate-limit-per-minute          | RATE_LIMITED
            429 | resource-exhausted-no-details  | RATE_LIMITED
            429 | array-wrapped                  | RATE_LIMITED
            429 | model-capacity-exhausted       | OVERLOADED
            400 | context-too-long               | CONTEXT_TOO_LONG
            400 | context-too-long-short         | CONTEXT_TOO_LONG
            400 | invalid-argument               | INVALID_REQUEST
            400 | thought-signature-missing      | INVALID_REQUEST
            404 | model-not-found                | MODEL_NOT_FOUND
            500 | internal                       | SERVER_ERROR
            502 | bad-gateway-html               | SERVER_ERROR
            503 | unavailable                    | OVERLOADED
            504 | deadline-exceeded              | TIMEOUT
            499 | cancelled                      | CONNECTION
            200 | unavailable                    | OVERLOADED
            200 | internal                       | SERVER_ERROR
            200 | rate-limit-per-minute          | RATE_LIMITED
            200 | quota-per-day                  | QUOTA_EXHAUSTED
            200 | status-only                    | OVERLOADED
            200 | bad-gateway-html               | SERVER_ERROR
            302 | bad-gateway-html               | UNKNOWN
            """)
    void classify_statusAndBody_givesErrorClass(int status, String fixture, ErrorClass expected) {
        Failure f = classifier.classify(status, Map.of(), Golden.read("gemini/error/" + fixture + ".json"));
        assertThat(f.errorClass()).isEqualTo(expected);
        assertThat(f.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            rate-limit-per-minute | PT47S
            quota-per-day         | PT55.576865699S
            array-wrapped         | PT2.5S
            """)
    void classify_retryInfo_givesRetryAfter(String fixture, Duration expected) {
        assertThat(classifier.classify(429, Map.of(), Golden.read("gemini/error/" + fixture + ".json")).retryAfter()).isEqualTo(expected);
    }

    @Test
    void classify_noDetails_hasNoRetryAfterUnlessTheHeaderSaysSo() {
        byte[] body = Golden.read("gemini/error/resource-exhausted-no-details.json");
        assertThat(classifier.classify(429, Map.of(), body).retryAfter()).isNull();
        assertThat(classifier.classify(429, Map.of("retry-after", List.of("3")), body).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void classify_providerCode_isTheReasonElseTheStatus() {
        assertThat(classifier.classify(400, Map.of(), Golden.read("gemini/error/api-key-invalid.json")).providerCode()).isEqualTo("API_KEY_INVALID");
        assertThat(classifier.classify(503, Map.of(), Golden.read("gemini/error/unavailable.json")).providerCode()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void classify_messageQuotingKeys_redactsConfiguredAndGoogleKeys() {
        Failure f = classifier.classify(400, Map.of(), Golden.read("gemini/error/key-echoed.json"));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.AUTHENTICATION);
        assertThat(f.message()).doesNotContain("test-secret-value").doesNotContain("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q")
                .contains("AIza***").contains("***");
    }

    @Test
    void classify_connectionFailureMentioningTheKey_redactsIt() {
        Failure f = classifier.classify(new SocketException("reset while sending test-secret-value"), false);
        assertThat(f.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(f.httpStatus()).isZero();
        assertThat(f.message()).doesNotContain("test-secret-value");
        assertThat(classifier.classify(new IOException("read timed out"), true).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void classify_longMessage_isShortened() {
        String body = "{\"error\":{\"code\":500,\"message\":\"" + "x".repeat(5000) + "\",\"status\":\"INTERNAL\"}}";
        assertThat(classifier.classify(500, Map.of(), body.getBytes()).message()).hasSizeLessThan(300);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            47s            | PT47S
            0.5s           | PT0.5S
            55.576865699s  | PT55.576865699S
            47             |
            -1s            |
            s              |
            """)
    void parseDelay_protobufDuration_givesDurationOrNull(String text, Duration expected) {
        assertThat(GeminiErrorClassifier.parseDelay(text)).isEqualTo(expected);
    }
}
