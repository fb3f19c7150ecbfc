package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.JunctionException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.providers.anthropic.AnthropicRequestMapper;
import dev.junction.providers.gemini.GeminiRequestMapper;
import dev.junction.route.InputTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A long message text crosses the gateway as the caller's escaped bytes: every upstream body must
 * still carry exactly the text the caller sent, and a body that is not valid JSON inside such a text
 * must still be refused.
 */
class LongTextPassThroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough to be kept as bytes, with every kind of escape and raw multi-byte UTF-8 in it. */
    private static final String TEXT = "Clause 4.2 \"Liability\" \\ path C:\\dir\n\ttab é 中文 😀 \u2028 end. ".repeat(12);

    @Test
    void longContent_isKeptAsTheCallersBytesAndReadsAsTheSameText() throws Exception {
        ChatRequest request = parse(body("user", JSON.writeValueAsString(TEXT)));
        ContentPart.Text text = (ContentPart.Text) request.messages().getFirst().parts().getFirst();
        assertThat(text.json()).as("kept as bytes").isNotNull();
        assertThat(text.text()).isEqualTo(TEXT);
        assertThat(text.length()).isEqualTo(TEXT.length());
    }

    @Test
    void callersOwnEscapes_reachTheUpstreamAsTheSameText() throws Exception {
        // unicode escapes and an escaped slash, as some SDKs write them: different bytes, the same text
        String escaped = JSON.writeValueAsString(TEXT).replace("é", "\\u00e9").replace("/", "\\/");
        ChatRequest request = parse(body("system", escaped).replace("]}", ",{\"role\":\"user\",\"content\":" + escaped + "}]}"));

        JsonNode openai = JSON.readTree(new OpenAiRequestMapper().write(request, "m", OpenAiDialect.OPENAI).body());
        assertThat(openai.at("/messages/0/content").asText()).isEqualTo(TEXT);
        assertThat(openai.at("/messages/1/content").asText()).isEqualTo(TEXT);

        JsonNode anthropic = JSON.readTree(new AnthropicRequestMapper().write(request, "m").body());
        assertThat(anthropic.at("/system/0/text").asText()).isEqualTo(TEXT);
        assertThat(anthropic.at("/messages/0/content/0/text").asText()).isEqualTo(TEXT);

        JsonNode gemini = JSON.readTree(new GeminiRequestMapper().write(request, "m").body());
        assertThat(gemini.at("/systemInstruction/parts/0/text").asText()).isEqualTo(TEXT);
        assertThat(gemini.at("/contents/0/parts/0/text").asText()).isEqualTo(TEXT);
    }

    @Test
    void inputTokenEstimate_isTheSameWhetherTheTextIsBytesOrAString() throws Exception {
        ChatRequest read = parse(body("user", JSON.writeValueAsString(TEXT)));
        ChatRequest built = ChatRequest.of(List.of(Message.user(TEXT)));
        assertThat(InputTokens.estimate(read)).isEqualTo(InputTokens.estimate(built));
    }

    @Test
    void laterContentField_winsAsInAnyJsonObject() throws Exception {
        String longFirst = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(TEXT)
                + ",\"content\":[{\"type\":\"text\",\"text\":\"short\"}]}]}";
        assertThat(parse(longFirst).messages().getFirst().text()).isEqualTo("short");
        String longLast = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"short\",\"content\":"
                + JSON.writeValueAsString(TEXT) + "}]}";
        assertThat(parse(longLast).messages().getFirst().text()).isEqualTo(TEXT);
    }

    @Test
    void invalidJsonInsideALongText_isRefusedAsInvalidJson() {
        String valid = JSON.valueToTree(TEXT).toString();
        for (String broken : List.of(
                valid.substring(0, 100) + "\\x" + valid.substring(100),      // an escape JSON does not have
                valid.substring(0, 100) + "\u0001" + valid.substring(100),   // a raw control character
                valid.substring(0, valid.length() - 1))) {                   // never closed
            assertThatThrownBy(() -> parse(body("user", broken)))
                    .isInstanceOf(JunctionException.InvalidRequest.class)
                    .hasMessageStartingWith("request body is not valid JSON");
        }
        byte[] badUtf8 = body("user", valid).getBytes(StandardCharsets.UTF_8);
        badUtf8[60] = (byte) 0xC3; // a lead byte followed by ASCII
        badUtf8[61] = 'a';
        assertThatThrownBy(() -> OpenAiRequestMapper.parse(badUtf8))
                .isInstanceOf(JunctionException.InvalidRequest.class)
                .hasMessageStartingWith("request body is not valid JSON");
    }

    @Test
    void shortContent_andTextParts_areDecodedAsBefore() throws Exception {
        ChatRequest request = parse(body("user", "\"hi \\u00e9\""));
        ContentPart.Text text = (ContentPart.Text) request.messages().getFirst().parts().getFirst();
        assertThat(text.json()).isNull();
        assertThat(text.text()).isEqualTo("hi é");
    }

    private static String body(String role, String contentJson) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"" + role + "\",\"content\":" + contentJson + "}]}";
    }

    private static ChatRequest parse(String body) {
        return OpenAiRequestMapper.parse(body.getBytes(StandardCharsets.UTF_8)).request();
    }
}
