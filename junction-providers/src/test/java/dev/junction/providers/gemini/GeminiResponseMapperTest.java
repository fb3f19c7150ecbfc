package dev.junction.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
import dev.junction.providers.openai.OpenAiResponseMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiResponseMapperTest {
    private final GeminiErrorClassifier classifier = new GeminiErrorClassifier(Secret.of("test-key"));
    private final GeminiResponseMapper mapper = new GeminiResponseMapper(classifier, new GeminiToolCallIds(new Random(42)));

    /** A Gemini body in, the exact chat.completion body the gateway answers with out. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-usage", "tool-calls", "thoughts", "prompt-blocked", "safety-finish", "max-tokens"})
    void parseThenWrite_upstreamBody_matchesGatewayGolden(String scenario) {
        ChatResult result = mapper.parse(Golden.read("gemini/response/" + scenario + ".in.json"));
        byte[] body = OpenAiResponseMapper.write(result, "chatcmpl-junction-1", "google/gemini-2.5-flash", 1700000000L);
        Golden.assertJson("gemini/response/" + scenario + ".out.json", body);
    }

    @Test
    void parse_usage_addsToolPromptAndThoughtsWithOpenAiMeanings() {
        ChatResult r = mapper.parse(Golden.read("gemini/response/text-usage.in.json"));
        assertThat(r.usage()).isEqualTo(new Usage(418, 256, 243, 222));
        assertThat(r.responseId()).isEqualTo("mIbkaM2yB-example");
        assertThat(r.upstreamModel()).isEqualTo("gemini-2.5-flash");
        assertThat(r.message().text()).isEqualTo("Bonjour !");
    }

    @Test
    void parse_functionCalls_carrySignatureInIdAndStopBecomesToolCalls() {
        ChatResult r = mapper.parse(Golden.read("gemini/response/tool-calls.in.json"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        var calls = r.message().toolCalls();
        assertThat(calls).extracting(ContentPart.ToolCall::name).containsExactly("get_weather", "get_weather", "now");
        assertThat(calls.get(0).id()).startsWith("call_").endsWith("~ts~CiQBcsjafQ+x/y==");
        assertThat(GeminiToolCallIds.decode(calls.get(0).id()).signature()).isEqualTo("CiQBcsjafQ+x/y==");
        assertThat(calls.get(1).id()).isEqualTo("fc_2");
        assertThat(calls.get(0).arguments()).isEqualTo("{\"city\":\"Paris\",\"units\":{\"temp\":\"C\"}}");
        assertThat(calls.get(2).arguments()).isEqualTo("{}");
        assertThat(calls.get(2).id()).matches("call_[A-Za-z0-9]{24}");
    }

    @Test
    void parse_thoughtPart_isReasoningBeforeText() {
        ChatResult r = mapper.parse(Golden.read("gemini/response/thoughts.in.json"));
        assertThat(r.message().parts()).containsExactly(
                new ContentPart.Reasoning("**Comparing numbers** 9.11 is less than 9.8."), new ContentPart.Text("9.8 is larger."));
        assertThat(r.usage()).isEqualTo(new Usage(12, 0, 45, 40));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prompt-blocked | CONTENT_FILTER
            safety-finish  | CONTENT_FILTER
            max-tokens     | LENGTH
            """)
    void parse_finish_mapsToOpenAiReason(String scenario, FinishReason expected) {
        assertThat(mapper.parse(Golden.read("gemini/response/" + scenario + ".in.json")).finishReason()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP                      | false | STOP
            STOP                      | true  | TOOL_CALLS
            MAX_TOKENS                | true  | LENGTH
            SAFETY                    | false | CONTENT_FILTER
            RECITATION                | false | CONTENT_FILTER
            BLOCKLIST                 | false | CONTENT_FILTER
            PROHIBITED_CONTENT        | false | CONTENT_FILTER
            SPII                      | false | CONTENT_FILTER
            IMAGE_SAFETY              | false | CONTENT_FILTER
            OTHER                     | false | STOP
            FINISH_REASON_UNSPECIFIED | false | STOP
            SOMETHING_NEW             | false | STOP
            """)
    void finishReason_wireValue_mapsPerTable(String wire, boolean calls, FinishReason expected) {
        assertThat(GeminiResponseMapper.finishReason(wire, calls)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS"})
    void finishReason_functionCallingFailure_isServerError(String wire) {
        assertThatThrownBy(() -> GeminiResponseMapper.finishReason(wire, false)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
            assertThat(e.failure().providerCode()).isEqualTo(wire);
        });
    }

    @Test
    void parse_errorPayloadWith200_throwsClassifiedFailure() {
        byte[] body = Golden.read("gemini/error/unavailable.json");
        assertThatThrownBy(() -> mapper.parse(body)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.OVERLOADED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{}", "{\"candidates\":[]}", "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{}}]}}]}"})
    void parse_malformedBody_throwsServerError(String body) {
        assertThatThrownBy(() -> mapper.parse(body.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.SERVER_ERROR));
    }
}
