package dev.junction.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            configured key twice        | key my-key-123 rejected, my-key-123 again                        | key *** rejected, *** again
            google key not configured   | bad AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q here                  | bad AIza*** here
            too short for a google key  | AIza is a prefix, AIzaShort too                                   | AIza is a prefix, AIzaShort too
            nothing to hide             | HTTP 503                                                          | HTTP 503
            """)
    void redact_message_hidesKeys(String scenario, String message, String expected) {
        assertThat(Redaction.redact(message, Secret.of("my-key-123"))).isEqualTo(expected);
    }

    @Test
    void redact_withoutKey_keepsText() {
        assertThat(Redaction.redact("plain text", null)).isEqualTo("plain text");
    }

    @Test
    void redact_longMessage_isCut() {
        assertThat(Redaction.redact("x".repeat(1000), null)).hasSize(Redaction.MAX_MESSAGE + 3).endsWith("...");
    }
}
