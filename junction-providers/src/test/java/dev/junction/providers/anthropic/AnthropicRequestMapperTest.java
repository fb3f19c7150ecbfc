package dev.junction.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
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

/** A client's OpenAI body, read as the gateway reads it, rendered as the exact Messages body. */
class AnthropicRequestMapperTest {
    private final AnthropicRequestMapper mapper = new AnthropicRequestMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            text                   | seed
            system-and-multi-turn  | -
            images                 | detail
            tools                  | -
            tool-results           | -
            json-schema            | logprobs,n,reasoning_effort
            json-object            | -
            temperature-above-one  | tool_choice,temperature
            """)
    void parseThenWrite_openAiBody_matchesGoldenAndReportsDropped(String scenario, String dropped) {
        ChatRequest request = OpenAiRequestMapper.parse(Golden.read("anthropic/request/" + scenario + ".in.json")).request();
        MappedRequest mapped = mapper.write(request, "claude-sonnet-4-5");
        Golden.assertJson("anthropic/request/" + scenario + ".out.json", mapped.body());
        assertThat(mapped.dropped()).containsExactlyElementsOf(dropped == null ? List.of() : Arrays.asList(dropped.split(",")));
    }

    @Test
    void write_plainRequest_sendsDefaultMaxTokensAndNothingUnset() {
        var mapped = mapper.write(ChatRequest.of(List.of(Message.user("hi"))), "m");
        assertThat(new String(mapped.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"model\":\"m\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}");
        assertThat(mapped.dropped()).isEmpty();
    }

    @Test
    void write_temperatureWithinRange_isSentUnchangedAndNotReported() throws Exception {
        ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, 1.0, null, null, 10, false, false, null, null);
        var mapped = mapper.write(r, "m");
        assertThat(json(mapped.body()).get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(mapped.dropped()).isEmpty();
    }

    @Test
    void write_parallelToolCallsFalseWithoutChoice_disablesParallelUseOnAuto() throws Exception {
        ChatRequest r = new ChatRequest(List.of(Message.user("hi")), List.of(new ToolSpec("now", null, null, null)),
                null, false, null, null, null, null, null, false, false, null, null);
        JsonNode body = json(mapper.write(r, "m").body());
        assertThat(body.get("tool_choice").toString()).isEqualTo("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");
        assertThat(body.at("/tools/0/input_schema").toString()).isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    }

    @Test
    void write_toolChoiceNone_sendsNoneWithoutParallelFlag() throws Exception {
        ChatRequest r = new ChatRequest(List.of(Message.user("hi")), List.of(new ToolSpec("now", null, null, null)),
                ToolChoice.NONE, false, null, null, null, null, null, false, false, null, null);
        assertThat(json(mapper.write(r, "m").body()).get("tool_choice").toString()).isEqualTo("{\"type\":\"none\"}");
    }

    @Test
    void write_assistantReasoningAndEmptyTurns_areLeftOutAndNeighboursMerged() throws Exception {
        ChatRequest r = ChatRequest.of(List.of(Message.user("a"),
                new Message.AssistantMessage(List.of(new ContentPart.Reasoning("thinking without a signature"))),
                Message.user("b")));
        JsonNode body = json(mapper.write(r, "m").body());
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.at("/messages/0/content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            leading assistant       | messages[1]: the conversation must start with a user message for this provider
            only system             | messages: at least one user message is required
            arguments not JSON      | messages[2].tool_calls[0].function.arguments: not valid JSON
            arguments an array      | messages[2].tool_calls[0].function.arguments: must be a JSON object
            arguments two objects   | messages[2].tool_calls[0].function.arguments: must be a single JSON object
            data URL not base64     | messages[1].content[0]: an image data URL must be data:<media type>;base64,<data>
            """)
    void write_inexpressibleConversation_isInvalidRequestNamingThePlace(String scenario, String message) {
        List<Message> messages = switch (scenario) {
            case "leading assistant" -> List.of(Message.system("s"), Message.assistant("How can I help?"), Message.user("hi"));
            case "only system" -> List.of(Message.system("s"));
            case "arguments not JSON" -> withCall("{\"city\": Paris}");
            case "arguments an array" -> withCall("[1,2]");
            case "arguments two objects" -> withCall("{}{}");
            case "data URL not base64" -> List.of(Message.system("s"),
                    new Message.UserMessage(List.of(new ContentPart.Image("data:image/svg+xml,<svg/>", null))));
            default -> throw new IllegalArgumentException(scenario);
        };
        assertThatThrownBy(() -> mapper.write(ChatRequest.of(messages), "m")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.INVALID_REQUEST);
            assertThat(e.failure().message()).isEqualTo(message);
        });
    }

    private static List<Message> withCall(String arguments) {
        return List.of(Message.system("s"), Message.user("go"),
                new Message.AssistantMessage(List.of(new ContentPart.ToolCall("toolu_1", "f", arguments))),
                new Message.ToolMessage("toolu_1", List.of(new ContentPart.Text("ok"))));
    }

    private static JsonNode json(byte[] body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
