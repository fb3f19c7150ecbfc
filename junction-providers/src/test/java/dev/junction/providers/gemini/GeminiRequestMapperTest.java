package dev.junction.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.error.JunctionException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolSpec;
import dev.junction.providers.Golden;
import dev.junction.providers.http.MappedRequest;
import dev.junction.providers.openai.OpenAiRequestMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiRequestMapperTest {
    private final GeminiRequestMapper mapper = new GeminiRequestMapper();

    /** A client's OpenAI body in, the exact generateContent body out, and what was not sent. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text                  | gemini-2.5-flash     | logprobs,user
            system-and-multi-turn | gemini-2.5-flash     |
            images                | gemini-2.5-flash     | detail
            tools                 | gemini-2.5-flash     | parallel_tool_calls,strict
            tool-results          | gemini-2.5-flash     |
            foreign-tool-calls    | gemini-3-pro-preview |
            json-schema           | gemini-2.5-flash     | logprobs,n,reasoning_effort
            """)
    void parseThenWrite_openAiBody_matchesGolden(String scenario, String model, String dropped) {
        ChatRequest request = OpenAiRequestMapper.parse(Golden.read("gemini/request/" + scenario + ".in.json")).request();
        MappedRequest mapped = mapper.write(request, model);
        Golden.assertJson("gemini/request/" + scenario + ".out.json", mapped.body());
        assertThat(mapped.dropped()).isEqualTo(dropped == null ? List.of() : Arrays.asList(dropped.split(",")));
    }

    @Test
    void write_plainRequest_leavesUnsetFieldsOut() {
        var mapped = mapper.write(ChatRequest.of(List.of(Message.user("hi"))), "gemini-2.5-flash");
        assertThat(new String(mapped.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
        assertThat(mapped.dropped()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            auto     | {"functionCallingConfig":{"mode":"AUTO"}}
            none     | {"functionCallingConfig":{"mode":"NONE"}}
            required | {"functionCallingConfig":{"mode":"ANY"}}
            named    | {"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["now"]}}
            """)
    void write_toolChoice_givesFunctionCallingMode(String choice, String expected) throws Exception {
        ToolChoice toolChoice = switch (choice) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> new ToolChoice.Named("now");
        };
        ChatRequest r = new ChatRequest(List.of(Message.user("time?")), List.of(new ToolSpec("now", null, null, null)), toolChoice,
                null, null, null, null, null, null, false, false, null, null);
        var body = GeminiRequestMapper.TREE.readTree(mapper.write(r, "gemini-2.5-flash").body());
        assertThat(body.get("toolConfig").toString()).isEqualTo(expected);
    }

    @Test
    void write_argumentsNotAnObject_isInvalidRequestNamingTheCall() {
        ChatRequest r = ChatRequest.of(List.of(Message.user("x"),
                new Message.AssistantMessage(List.of(new ContentPart.ToolCall("call_1", "f", "{\"a\":1}"),
                        new ContentPart.ToolCall("call_2", "f", "{\"a\": secret")))));
        assertThatThrownBy(() -> mapper.write(r, "gemini-2.5-flash"))
                .isInstanceOfSatisfying(JunctionException.InvalidRequest.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("messages[1].tool_calls[1].function.arguments: not a JSON object");
                    assertThat(e.param()).isEqualTo("messages");
                });
    }

    @Test
    void write_argumentsArray_isInvalidRequest() {
        ChatRequest r = ChatRequest.of(List.of(Message.user("x"),
                new Message.AssistantMessage(List.of(new ContentPart.ToolCall("call_1", "f", "[1,2]")))));
        assertThatThrownBy(() -> mapper.write(r, "gemini-2.5-flash")).isInstanceOf(JunctionException.InvalidRequest.class);
    }

    @Test
    void write_toolResultWithoutItsCall_isInvalidRequest() {
        ChatRequest r = ChatRequest.of(List.of(Message.user("x"),
                new Message.ToolMessage("call_missing", List.of(new ContentPart.Text("42")))));
        assertThatThrownBy(() -> mapper.write(r, "gemini-2.5-flash"))
                .isInstanceOfSatisfying(JunctionException.InvalidRequest.class, e ->
                        assertThat(e.getMessage()).isEqualTo("messages[1].tool_call_id: no earlier assistant tool call has this id"));
    }

    @Test
    void write_signedCallOnGemini3_restoresSignatureWithoutPlaceholder() throws Exception {
        ChatRequest r = ChatRequest.of(List.of(Message.user("x"),
                new Message.AssistantMessage(List.of(new ContentPart.ToolCall("fc_7~ts~c2ln", "f", "{}"),
                        new ContentPart.ToolCall("call_b", "f", "{}"))),
                new Message.ToolMessage("fc_7~ts~c2ln", List.of(new ContentPart.Text("1"))),
                new Message.ToolMessage("call_b", List.of(new ContentPart.Text("2")))));
        var body = GeminiRequestMapper.TREE.readTree(mapper.write(r, "gemini-3-flash").body());
        var modelParts = body.at("/contents/1/parts");
        assertThat(modelParts.get(0).get("thoughtSignature").asText()).isEqualTo("c2ln");
        assertThat(modelParts.get(0).at("/functionCall/id").asText()).isEqualTo("fc_7");
        assertThat(modelParts.get(1).has("thoughtSignature")).isFalse();
        assertThat(body.at("/contents/2/parts/0/functionResponse/id").asText()).isEqualTo("fc_7");
        assertThat(body.at("/contents/2/parts/1/functionResponse/response").toString()).isEqualTo("{\"result\":\"2\"}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gemini-3-pro-preview        | true
            gemini-3.1-flash            | true
            gemini-10-ultra             | true
            models/gemini-3-flash       | true
            gemini-flash-latest         | true
            gemini-2.5-flash            | false
            gemini-2.0-flash-lite       | false
            gemini-1.5-pro              | false
            gemma-3-27b-it              | false
            contract-model-1            | false
            """)
    void needsSignatures_modelName_followsGeneration(String model, boolean expected) {
        assertThat(GeminiRequestMapper.needsSignatures(model)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/a/cat.png               | image/png
            https://example.com/a/cat.JPEG#top          | image/jpeg
            https://example.com/a/cat.webp?x=1.png      | image/webp
            https://example.com/a.dir/cat               |
            https://example.com/cat.svg                 |
            """)
    void mimeFromExtension_url_guessesOrOmits(String url, String expected) {
        assertThat(GeminiRequestMapper.mimeFromExtension(url)).isEqualTo(expected);
    }
}
