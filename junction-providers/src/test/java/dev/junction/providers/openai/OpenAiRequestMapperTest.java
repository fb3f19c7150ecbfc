package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.JunctionException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ToolChoice;
import dev.junction.providers.Golden;
import dev.junction.providers.http.MappedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestMapperTest {
    private final OpenAiRequestMapper mapper = new OpenAiRequestMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "system-and-multi-turn", "images", "tools", "tool-results", "json-schema", "allowed-tools"})
    void parseThenWrite_openAiDialect_matchesGolden(String scenario) {
        OpenAiRequestMapper.ParsedRequest parsed = OpenAiRequestMapper.parse(Golden.read("openai/request/" + scenario + ".in.json"));
        MappedRequest mapped = mapper.write(parsed.request(), "gpt-4.1-mini", OpenAiDialect.OPENAI);
        Golden.assertJson("openai/request/" + scenario + ".out.json", mapped.body());
        assertThat(mapped.dropped()).isEmpty();
    }

    @Test
    void parse_text_readsScalarsAndKeepsUnknownFieldsAsExtensions() {
        var parsed = OpenAiRequestMapper.parse(Golden.read("openai/request/text.in.json"));
        ChatRequest r = parsed.request();
        assertThat(parsed.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(r.temperature()).isEqualTo(0.2);
        assertThat(r.maxOutputTokens()).isEqualTo(64);
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isFalse();
        assertThat(r.user()).isEqualTo("customer-42");
        assertThat(r.topP()).isNull();
        assertThat(r.extensions()).containsExactly(Map.entry("seed", "7"));
    }

    @Test
    void parse_systemAndMultiTurn_keepsDeveloperApartAndReturnsMetadata() {
        var parsed = OpenAiRequestMapper.parse(Golden.read("openai/request/system-and-multi-turn.in.json"));
        List<Message> messages = parsed.request().messages();
        assertThat(messages.get(0)).isEqualTo(new Message.SystemMessage(List.of(new ContentPart.Text("Reply in French.")), true));
        assertThat(messages.get(1)).isEqualTo(new Message.SystemMessage(List.of(new ContentPart.Text("Be brief.")), false));
        assertThat(parsed.request().stop()).containsExactly("END");
        assertThat(parsed.metadata()).containsExactly(Map.entry("feature", "chat"));
        assertThat(parsed.request().extensions()).isEmpty();
    }

    @Test
    void parse_allowedTools_keepsOnlyAllowedToolsWithTheirMode() {
        var r = OpenAiRequestMapper.parse(Golden.read("openai/request/allowed-tools.in.json")).request();
        assertThat(r.tools()).extracting(t -> t.name()).containsExactly("now");
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    }

    @Test
    void write_deepSeekDialect_usesMaxTokensSystemRoleAndDropsUnsupported() throws Exception {
        ChatRequest r = new ChatRequest(List.of(new Message.SystemMessage(List.of(new ContentPart.Text("x")), true), Message.user("hi")),
                null, null, null, null, null, null, null, 50, false, false, null, Map.of("n", "2", "frequency_penalty", "0.5"));
        var mapped = mapper.write(r, "deepseek-chat", OpenAiDialect.DEEPSEEK);
        JsonNode body = new ObjectMapper().readTree(mapped.body());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.has("n")).isFalse();
        assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(0.5);
        assertThat(mapped.dropped()).containsExactly("n");
    }

    @Test
    void write_plainRequest_leavesUnsetFieldsOut() throws Exception {
        var mapped = mapper.write(ChatRequest.of(List.of(Message.user("hi"))), "m", OpenAiDialect.OPENAI);
        assertThat(new String(mapped.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"model":"m"}                                                                  | messages: required                          | messages
            {"messages":[{"role":"user","content":"x"}]}                                    | model: required                             | model
            {"model":"m","messages":{}}                                                    | messages: expected an array                 | messages
            {"model":"m","messages":[]}                                                    | messages: must not be empty                 | messages
            {"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"foo","content":"secret prompt"}]} | messages[2].role: unknown role 'foo' | messages
            {"model":"m","messages":[{"content":"x"}]}                                     | messages[0].role: required                  | messages
            {"model":"m","messages":[{"role":"tool","content":"x"}]}                        | messages[0].tool_call_id: required for role 'tool' | messages
            {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio"}]}]}  | messages[0].content[0].type: unsupported content part 'input_audio' | messages
            {"model":"m","messages":[{"role":"user","content":42}]}                        | messages[0].content: expected a string or an array of parts | messages
            {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":"hot"}   | temperature: expected a number              | temperature
            {"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":0}        | max_tokens: must be at least 1              | max_tokens
            {"model":"m","messages":[{"role":"user","content":"x"}],"stop":[1]}            | stop: expected a string or an array of strings | stop
            {"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"maybe"} | tool_choice: unknown value 'maybe'          | tool_choice
            {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}} | response_format.type: unknown value 'yaml' | response_format
            {"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}        | stream: expected a boolean                  | stream
            {"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"a":1}}    | metadata.a: expected a string               | metadata
            {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{}}]} | tools[0].function.name: required | tools
            """)
    void parse_invalidBody_namesTheField(String body, String message, String param) {
        assertThatThrownBy(() -> OpenAiRequestMapper.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(JunctionException.InvalidRequest.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void parse_invalidJson_saysWhereButNotWhat() {
        assertThatThrownBy(() -> OpenAiRequestMapper.parse("{\"model\": my secret prompt}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JunctionException.InvalidRequest.class)
                .hasMessageStartingWith("request body is not valid JSON at line 1")
                .hasMessageNotContaining("secret");
    }
}
