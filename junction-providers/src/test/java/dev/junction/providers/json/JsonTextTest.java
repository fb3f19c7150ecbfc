package dev.junction.providers.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {"t": text} written the fast way and through Jackson's own writeString. */
    private static byte[][] both(String text) throws Exception {
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(fast)) {
            g.writeStartObject();
            JsonText.field(g, "t", text);
            g.writeEndObject();
        }
        try (JsonGenerator g = FACTORY.createGenerator(plain)) {
            g.writeStartObject();
            g.writeStringField("t", text);
            g.writeEndObject();
        }
        return new byte[][] {fast.toByteArray(), plain.toByteArray()};
    }

    @Test
    void longPromptsWithEveryKindOfCharacter_readBackExactly() throws Exception {
        // prompts carry quotes, backslashes, newlines, tabs, other control characters and any Unicode
        String alphabet = "ab \"\\\n\r\t\u0000\u0001\u001f\u007fé漢\uD83D\uDE00/<>";
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int length = random.nextInt(JsonText.LONG - 8, 5000);
            StringBuilder sb = new StringBuilder();
            while (sb.length() < length) {
                int i = random.nextInt(alphabet.length());
                char c = alphabet.charAt(i);
                if (Character.isHighSurrogate(c)) sb.append(c).append(alphabet.charAt(i + 1)); // keep pairs whole
                else if (!Character.isLowSurrogate(c)) sb.append(c);
            }
            String text = sb.toString();

            byte[][] out = both(text);

            // the same text as Jackson's own writing (not the same bytes: emoji go out as UTF-8, not \\u pairs)
            assertThat(MAPPER.readTree(out[0]).get("t").asText()).isEqualTo(text);
            assertThat(MAPPER.readTree(out[0])).isEqualTo(MAPPER.readTree(out[1]));
        }
    }

    @Test
    void plainLongTextAndNull_areWrittenAsIs() throws Exception {
        String text = "x".repeat(10_000);
        assertThat(new String(both(text)[0], java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"" + text + "\"}");
        assertThat(new String(both(null)[0], java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"t\":null}");
    }

    @Test
    void nextEscape_findsEachSpecialByteAtEveryOffset_andNothingElse() {
        // eight bytes are tested at once: a hit must be found wherever it falls in a word or the tail
        byte[] specials = {'"', '\\', 0, 1, '\n', 0x1f};
        byte[] harmless = {'a', ' ', 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, '!', '#', '[', ']', 0x21, 0x23, 0x5b, 0x5d};
        for (int length = 1; length <= 41; length++) {
            for (int at = 0; at < length; at++) {
                for (byte special : specials) {
                    byte[] b = new byte[length];
                    for (int i = 0; i < length; i++) b[i] = harmless[i % harmless.length];
                    b[at] = special;
                    assertThat(JsonText.nextEscape(b, 0)).as("len %d at %d byte %d", length, at, special).isEqualTo(at);
                    assertThat(JsonText.nextEscape(b, at + 1)).isEqualTo(length);
                }
            }
            byte[] none = new byte[length];
            for (int i = 0; i < length; i++) none[i] = harmless[(i * 7) % harmless.length];
            assertThat(JsonText.nextEscape(none, 0)).isEqualTo(length);
        }
    }
}
