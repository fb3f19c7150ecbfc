package dev.junction.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A text kept as the caller's JSON-escaped bytes reads exactly as Jackson decodes the same string. */
class TextFromJsonTest {
    private static final JsonFactory JSON = new JsonFactory();

    @ParameterizedTest
    @ValueSource(strings = {
            "plain ascii text that runs past eight bytes",
            "quote \\\" backslash \\\\ slash \\/ newline \\n tab \\t cr \\r bs \\b ff \\f",
            "unicode escapes \\u00e9\\u4e2d and a pair \\ud83d\\ude00 and a lone \\ud800 end",
            "raw UTF-8: é 中文 😀 mixed with \\n escapes and more ascii after them",
            "",
            "\\u0000\\u001f control escapes",
    })
    void decodesAndCountsAsJacksonDoes(String escaped) throws IOException {
        assertReadsAsJackson(escaped);
    }

    @Test
    void randomStrings_decodeAndCountAsJackson() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"a", "abcdefgh", " ", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "é", "中", "😀", "\\/", "\\t"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) sb.append(pieces[random.nextInt(pieces.length)]);
            assertReadsAsJackson(sb.toString());
        }
    }

    @Test
    void isBlank_answersAsTheDecodedString() throws IOException {
        for (String escaped : List.of("", "   ", "\\n\\t  ", " \\u3000 ", "\u3000\u2003", " x", "\\u0041", "  \\n y", "\u00a0")) {
            ContentPart.Text text = fromJson(escaped);
            assertThat(text.isBlank()).as(escaped).isEqualTo(jackson(escaped).isBlank());
        }
    }

    @Test
    void equalsAndHashCode_dependOnTheTextNotItsForm() {
        byte[] body = "x\\u0041bc".getBytes(StandardCharsets.UTF_8);
        ContentPart.Text fromJson = ContentPart.Text.ofJson(body, 1, body.length);
        assertThat(fromJson).isEqualTo(new ContentPart.Text("Abc")).hasSameHashCodeAs(new ContentPart.Text("Abc"));
        assertThat(fromJson.json()).isNotNull();
        assertThat(new ContentPart.Text("Abc").json()).isNull();
    }

    private static void assertReadsAsJackson(String escaped) throws IOException {
        String expected = jackson(escaped);
        ContentPart.Text text = fromJson(escaped);
        assertThat(text.length()).as("length of %s", escaped).isEqualTo(expected.length());
        assertThat(text.text()).as("text of %s", escaped).isEqualTo(expected);
        assertThat(text.length()).isEqualTo(expected.length());
    }

    /** The escaped content inside a larger array, as the gateway holds it: a span of the body. */
    private static ContentPart.Text fromJson(String escaped) {
        byte[] content = escaped.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[content.length + 20];
        System.arraycopy(content, 0, body, 10, content.length);
        return ContentPart.Text.ofJson(body, 10, 10 + content.length);
    }

    private static String jackson(String escaped) throws IOException {
        try (JsonParser p = JSON.createParser(("\"" + escaped + "\"").getBytes(StandardCharsets.UTF_8))) {
            p.nextToken();
            return p.getText();
        }
    }
}
