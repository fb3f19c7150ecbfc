package dev.junction.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonLineWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(JsonLineWriter w) throws Exception {
        return JSON.readTree(new String(w.array(), 0, w.length(), StandardCharsets.UTF_8));
    }

    @Test
    void longTextFullOfEscapes_growsTheBufferAndReadsBackUnchanged() throws Exception {
        // every kind of character that takes more than one byte, repeated past the initial capacity
        String unit = "a\"b\\c\n\t\u0001é漢\uD83D\uDE00";
        String text = unit.repeat(500);
        JsonLineWriter w = new JsonLineWriter(16).startObject().field("text", text).field(text, "as a key").endObject();

        JsonNode n = read(w);

        assertThat(n.get("text").asText()).isEqualTo(text);
        assertThat(n.get(text).asText()).isEqualTo("as a key");
    }

    @Test
    void numbersNullsNestingAndReuse_makeValidJsonEachTime() throws Exception {
        JsonLineWriter w = new JsonLineWriter(8);
        for (int round = 0; round < 2; round++) {
            w.reset().startObject()
                    .field("min", Long.MIN_VALUE).field("max", Long.MAX_VALUE).field("zero", 0L).field("neg", -42L)
                    .field("cost", 1.0E-7).field("nan", Double.NaN).field("none", (Double) null).field("noLong", (Long) null)
                    .field("nullText", (String) null).field("yes", true)
                    .field("at", Instant.parse("2026-01-02T03:04:05.000000007Z"))
                    .startObject("inner").endObject()
                    .startArray("list").startObject().field("i", 1L).endObject().startObject().endObject().endArray()
                    .endObject();

            JsonNode n = read(w);

            assertThat(n.get("min").asLong()).isEqualTo(Long.MIN_VALUE);
            assertThat(n.get("max").asLong()).isEqualTo(Long.MAX_VALUE);
            assertThat(n.get("neg").asLong()).isEqualTo(-42);
            assertThat(n.get("cost").asDouble()).isEqualTo(1.0E-7);
            assertThat(n.get("nan").isNull()).isTrue();
            assertThat(n.get("none").isNull()).isTrue();
            assertThat(n.get("noLong").isNull()).isTrue();
            assertThat(n.get("nullText").isNull()).isTrue();
            assertThat(Instant.parse(n.get("at").asText())).isEqualTo(Instant.parse("2026-01-02T03:04:05.000000007Z"));
            assertThat(n.get("list").size()).isEqualTo(2);
            assertThat(n.get("inner").isEmpty()).isTrue();
        }
    }

    @Test
    void encodedNames_writeTheSameBytesAsNamesGivenAsText() {
        String[] names = {"requestId", "a\"quote", "tab\tand\\", "é漢\uD83D\uDE00", ""};
        for (String name : names) {
            JsonLineWriter.Name encoded = JsonLineWriter.Name.of(name);
            JsonLineWriter byText = new JsonLineWriter(4).startObject().field(name, "v").field("n", 1L)
                    .startObject(name).field(name, true).endObject().startArray(name).endArray().endObject();
            JsonLineWriter byName = new JsonLineWriter(4).startObject().field(encoded, "v").field("n", 1L)
                    .startObject(encoded).field(encoded, true).endObject().startArray(encoded).endArray().endObject();

            assertThat(byName.toByteArray()).isEqualTo(byText.toByteArray());
        }
    }
}
