package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every native wire format through the gateway with the official OpenAI SDK: the caller sends the same
 * OpenAI-shaped request and gets the same OpenAI-shaped answer, streamed or not, with tools, whichever
 * provider served it.
 */
class ProvidersIT {
    static final String CONFIG = """
            providers:
              openai:    { api: openai,    baseUrl: "${SIM}",           apiKey: sim-openai }
              anthropic: { api: anthropic, baseUrl: "${SIM_ANTHROPIC}", apiKey: sim-anthropic }
              google:    { api: gemini,    baseUrl: "${SIM_GEMINI}",    apiKey: sim-google }
            routes:
              via_openai:    { primary: openai/gpt-4.1-mini, streamIdleTimeoutMs: 2000 }
              via_anthropic: { primary: anthropic/claude-sonnet-4-5, streamIdleTimeoutMs: 2000 }
              via_gemini:    { primary: google/gemini-2.5-flash, streamIdleTimeoutMs: 2000 }
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    GatewayFixture gw;

    @BeforeEach void start() throws Exception { gw = new GatewayFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    private static ChatCompletionCreateParams.Builder ask(String route) {
        return ChatCompletionCreateParams.builder().model(route).addUserMessage("Find invoice 7");
    }

    private static ChatCompletionFunctionTool lookupTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("lookup")
                .parameters(com.openai.models.FunctionParameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object")).build()).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"via_openai, openai/gpt-4.1-mini, gpt-4.1-mini", "via_anthropic, anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
            "via_gemini, google/gemini-2.5-flash, gemini-2.5-flash"})
    void sdkStream_text_relayedInOpenAiChunksWithUsage(String route, String served, String upstream) {
        gw.sim.script(upstream, Step.ok("alpha beta gamma delta"));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        var params = ask(route).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(params)) {
            s.stream().forEach(chunks::add);
        }

        String text = chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.delta().content().stream()).collect(Collectors.joining());
        assertThat(text).isEqualTo("alpha beta gamma delta");
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo(served));
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.finishReason().stream()).map(f -> f.asString()))
                .containsExactly("stop");
        assertThat(chunks.getLast().usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.completionTokens()).isPositive();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"via_openai, gpt-4.1-mini", "via_anthropic, claude-sonnet-4-5", "via_gemini, gemini-2.5-flash"})
    void sdkStream_toolCall_argumentsAssembleToTheModelsJson(String route, String upstream) throws Exception {
        gw.sim.script(upstream, Step.toolCall("lookup", "{\"q\":\"invoice 7\",\"limit\":2}"));
        StringBuilder args = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(route).addTool(lookupTool()).build())) {
            s.stream().forEach(c -> c.choices().forEach(ch -> {
                ch.delta().toolCalls().ifPresent(calls -> calls.forEach(tc -> {
                    assertThat(tc.index()).isZero();
                    tc.function().flatMap(f -> f.name()).ifPresent(names::add);
                    tc.function().flatMap(f -> f.arguments()).ifPresent(args::append);
                }));
                ch.finishReason().ifPresent(f -> finish.add(f.asString()));
            }));
        }

        assertThat(names).containsExactly("lookup");
        assertThat(JSON.readTree(args.toString())).isEqualTo(JSON.readTree("{\"q\":\"invoice 7\",\"limit\":2}"));
        assertThat(finish).containsExactly("tool_calls");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"via_openai, gpt-4.1-mini", "via_anthropic, claude-sonnet-4-5", "via_gemini, gemini-2.5-flash"})
    void sdkCreate_toolCall_returnedAsOpenAiToolCallsWithStringArguments(String route, String upstream) throws Exception {
        gw.sim.script(upstream, Step.toolCall("lookup", "{\"q\":\"invoice 7\"}"));

        ChatCompletion c = gw.client.chat().completions().create(ask(route).addTool(lookupTool()).build());

        var choice = c.choices().getFirst();
        assertThat(choice.finishReason().asString()).isEqualTo("tool_calls");
        var call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isNotBlank();
        assertThat(call.function().name()).isEqualTo("lookup");
        assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree("{\"q\":\"invoice 7\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"via_openai, gpt-4.1-mini", "via_anthropic, claude-sonnet-4-5", "via_gemini, gemini-2.5-flash"})
    void sdkStream_providerErrorEventAfterContent_endsWithErrorAndRowInterrupted(String route, String upstream) {
        gw.sim.script(upstream, Step.ok("one two three four five six seven eight").withFault(Fault.errorEventAfter(5, Fault.overloaded())));

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(route).build())) {
                s.stream().forEach(c -> { });
            }
        }).isInstanceOf(com.openai.errors.OpenAIException.class);

        var rows = gw.flushedLedger().summarize(List.of("status"), null, null);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.keys().get("status")).isEqualTo("interrupted"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"via_openai, gpt-4.1-mini", "via_anthropic, claude-sonnet-4-5", "via_gemini, gemini-2.5-flash"})
    void sdkStream_malformedEventMidStream_isSkippedNeverForwarded(String route, String upstream) {
        gw.sim.script(upstream, Step.ok("one two three four five six").withFault(Fault.malformedBody()));
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(route).build())) {
            s.stream().forEach(chunks::add);
        }

        assertThat(chunks).isNotEmpty();
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.finishReason().stream()).map(f -> f.asString()))
                .containsExactly("stop");
    }
}
