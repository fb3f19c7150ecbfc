package dev.junction.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
import dev.junction.providers.http.Redaction;
import dev.junction.providers.openai.OpenAiResponseMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A Messages response in, the exact OpenAI body the gateway answers with out. */
class AnthropicResponseMapperTest {
    private final AnthropicResponseMapper mapper = new AnthropicResponseMapper(new AnthropicErrorClassifier(Redaction.NONE));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-cache-usage", "tool-use", "thinking", "refusal", "max-tokens", "stop-sequence"})
    void parseThenWrite_messagesBody_matchesGatewayGolden(String scenario) {
        ChatResult result = mapper.parse(Golden.read("anthropic/response/" + scenario + ".in.json"));
        byte[] body = OpenAiResponseMapper.write(result, "chatcmpl-junction-1", "anthropic/claude-sonnet-4-5", 1700000000L);
        Golden.assertJson("anthropic/response/" + scenario + ".out.json", body);
    }

    @Test
    void parse_cacheUsage_countsCacheReadsAndWritesAsInput() {
        ChatResult r = mapper.parse(Golden.read("anthropic/response/text-cache-usage.in.json"));
        // 412 uncached + 100 cache writes + 2048 cache reads
        assertThat(r.usage()).isEqualTo(new Usage(2560, 2048, 57, 0));
        assertThat(r.responseId()).isEqualTo("msg_01XF");
        assertThat(r.upstreamModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(r.message().text()).isEqualTo("Bonjour ! Comment puis-je aider ?");
    }

    @Test
    void parse_toolUse_serializesInputObjectAsArguments() {
        ChatResult r = mapper.parse(Golden.read("anthropic/response/tool-use.in.json"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.message().toolCalls()).containsExactly(
                new ContentPart.ToolCall("toolu_01B", "lookup", "{\"q\":\"cat\",\"limit\":3}"),
                new ContentPart.ToolCall("toolu_01C", "now", "{}"));
    }

    @Test
    void parse_thinking_isReasoningPartAndRedactedThinkingIsLeftOut() {
        ChatResult r = mapper.parse(Golden.read("anthropic/response/thinking.in.json"));
        assertThat(r.message().parts()).containsExactly(
                new ContentPart.Reasoning("9.11 < 9.80, so 9.8 is larger."), new ContentPart.Text("9.8 is larger."));
        assertThat(r.usage()).isEqualTo(new Usage(20, 0, 180, 160));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            end_turn                      | STOP
            stop_sequence                 | STOP
            pause_turn                    | STOP
            max_tokens                    | LENGTH
            model_context_window_exceeded | LENGTH
            tool_use                      | TOOL_CALLS
            refusal                       | CONTENT_FILTER
            some_future_reason            | STOP
            -                             | STOP
            """)
    void finishReason_stopReason_mapsToOpenAiFinish(String stopReason, FinishReason expected) {
        assertThat(AnthropicResponseMapper.finishReason(stopReason)).isEqualTo(expected);
    }

    @Test
    void parse_errorPayloadWith200_throwsClassifiedFailure() {
        byte[] body = """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> mapper.parse(body)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.OVERLOADED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"id\":\"msg\"}", "{\"content\":[{\"type\":\"tool_use\",\"input\":{}}]}"})
    void parse_malformedBody_throwsServerError(String body) {
        assertThatThrownBy(() -> mapper.parse(body.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }
}
