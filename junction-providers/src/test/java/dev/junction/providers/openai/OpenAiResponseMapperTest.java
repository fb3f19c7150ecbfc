package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponseMapperTest {
    private final OpenAiResponseMapper mapper = new OpenAiResponseMapper(new OpenAiErrorClassifier());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-usage-details", "tool-calls", "refusal", "deepseek-reasoning", "forced-tool-stop"})
    void parseThenWrite_upstreamBody_matchesGatewayGolden(String scenario) {
        ChatResult result = mapper.parse(Golden.read("openai/response/" + scenario + ".in.json"));
        byte[] body = OpenAiResponseMapper.write(result, "chatcmpl-junction-1", "openai/gpt-4.1-mini", 1700000000L);
        Golden.assertJson("openai/response/" + scenario + ".out.json", body);
    }

    @Test
    void parse_usageDetails_readsCachedAndReasoningTokens() {
        ChatResult r = mapper.parse(Golden.read("openai/response/text-usage-details.in.json"));
        assertThat(r.usage()).isEqualTo(new Usage(1200, 1024, 300, 256));
        assertThat(r.responseId()).isEqualTo("chatcmpl-9x");
        assertThat(r.upstreamModel()).isEqualTo("gpt-4.1-mini-2025-04-14");
    }

    @Test
    void parse_deepSeek_readsReasoningPartAndCacheHitTokens() {
        ChatResult r = mapper.parse(Golden.read("openai/response/deepseek-reasoning.in.json"));
        assertThat(r.message().parts()).first().isEqualTo(new ContentPart.Reasoning("Compare 9.11 and 9.8: 9.11 < 9.80."));
        assertThat(r.usage().cachedInputTokens()).isEqualTo(16);
        assertThat(r.usage().reasoningTokens()).isEqualTo(100);
    }

    @Test
    void parse_refusal_isContentFilterWithTheRefusalText() {
        ChatResult r = mapper.parse(Golden.read("openai/response/refusal.in.json"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(r.message().text()).isEqualTo("I'm sorry, I can't help with that.");
    }

    @Test
    void parse_insufficientSystemResource_throwsOverloaded() {
        byte[] body = """
                {"id":"x","choices":[{"index":0,"finish_reason":"insufficient_system_resource","message":{"role":"assistant","content":""}}]}
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> mapper.parse(body)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.OVERLOADED));
    }

    @Test
    void parse_errorPayloadWith200_throwsClassifiedFailure() {
        byte[] body = """
                {"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}}
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> mapper.parse(body)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.RATE_LIMITED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "", "{\"choices\":[]}", "{\"choices\":[{\"index\":0}]}",
            "{\"choices\":[{\"message\":\"hi\"}]}", "{\"choices\":[{\"message\":{\"content\":\"cut",
            "{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[{\"function\":{\"name\":\"f\"}}]}}]}"})
    void parse_malformedBody_throwsServerError(String body) {
        assertThatThrownBy(() -> mapper.parse(body.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }

    @Test
    void parse_errorAfterChoices_stillThrowsTheClassifiedFailure() {
        byte[] body = """
                {"choices":[{"message":{"content":"x"}}],"error":{"message":"overloaded","type":"server_error","code":"overloaded"}}
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> mapper.parse(body)).isInstanceOf(ProviderException.class);
    }

    @Test
    void parse_unknownFieldsAndLaterChoices_areSkippedAndTheFirstChoiceIsRead() {
        byte[] body = """
                {"extra":{"a":[1,{"b":null}]},"id":"r1","choices":[
                  {"index":0,"logprobs":{"content":[{"token":"x"}]},"message":{"role":"assistant","content":"first",
                   "annotations":[],"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}","x":1}}]},
                   "finish_reason":"tool_calls"},
                  {"index":1,"message":{"content":"second"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":"7","completion_tokens":3.0,"total_tokens":10,"prompt_tokens_details":null},
                 "model":"m","system_fingerprint":"fp"}
                """.getBytes(StandardCharsets.UTF_8);

        ChatResult r = mapper.parse(body);

        assertThat(r.message().text()).isEqualTo("first");
        assertThat(r.message().toolCalls()).containsExactly(new ContentPart.ToolCall("c1", "f", "{}"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.usage()).isEqualTo(new Usage(7, 0, 3, 0));
        assertThat(r.responseId()).isEqualTo("r1");
        assertThat(r.upstreamModel()).isEqualTo("m");
    }
}
