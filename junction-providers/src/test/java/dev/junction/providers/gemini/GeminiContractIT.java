package dev.junction.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ProviderConfig;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import dev.junction.model.ToolSpec;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.ProviderContract;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The provider contract for {@code api: gemini}, against the simulator's Gemini persona; plus what only
 * Gemini has: the key header, thought signatures on Gemini 3 (the persona rejects a function call
 * without one, as Gemini 3 does), and prompts blocked with a 200.
 */
class GeminiContractIT extends ProviderContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", null);

    @Override protected String api() { return "gemini"; }

    @Override protected String baseUrl(Simulator sim) { return sim.geminiBaseUrl(); }

    @Override protected ProviderAdapter createAdapter(ProviderConfig config) {
        for (ProviderAdapterFactory f : ServiceLoader.load(ProviderAdapterFactory.class)) {
            if (f.apis().contains(config.api())) return f.create(config);
        }
        throw new AssertionError("no ProviderAdapterFactory registered for " + config.api());
    }

    @Test void complete_anyCall_sendsTheKeyInItsHeaderNeverInTheUrl() {
        String model = model();
        sim.script(model, Step.ok("hi"));
        adapter.complete(call(model, hello(), TIMEOUT));
        SeenRequest seen = sim.requestsFor(model).getFirst();
        assertThat(seen.header("x-goog-api-key")).isEqualTo("test-key");
        assertThat(seen.path()).isEqualTo("/gemini/v1beta/models/" + model + ":generateContent").doesNotContain("key");
    }

    @Test void complete_gemini3ToolCallSentBack_carriesTheThoughtSignatureAndIsAccepted() {
        String model = "gemini-3-" + model();
        sim.script(model, Step.toolCall("get_weather", "{\"city\":\"Paris\"}"), Step.ok("It is sunny in Paris."));
        ChatResult first = adapter.complete(call(model, tools(List.of(Message.user("Weather in Paris?"))), TIMEOUT));
        ContentPart.ToolCall toolCall = first.message().toolCalls().getFirst();
        assertThat(GeminiToolCallIds.decode(toolCall.id()).signature()).isNotBlank();

        ChatResult second = adapter.complete(call(model, tools(List.of(Message.user("Weather in Paris?"),
                new Message.AssistantMessage(List.of(toolCall)),
                new Message.ToolMessage(toolCall.id(), List.of(new ContentPart.Text("{\"sky\":\"sunny\"}"))))), TIMEOUT));
        assertThat(second.message().text()).isEqualTo("It is sunny in Paris.");
        String resent = sim.requestsFor(model).get(1).bodyText();
        assertThat(resent).contains("\"thoughtSignature\":\"" + GeminiToolCallIds.decode(toolCall.id()).signature() + "\"");
    }

    @Test void complete_gemini3ToolCallFromAnotherProvider_sendsThePlaceholderAndIsAccepted() {
        String model = "gemini-3-" + model();
        sim.script(model, Step.ok("Done."));
        ContentPart.ToolCall foreign = new ContentPart.ToolCall("call_from_openai", "get_weather", "{\"city\":\"Rome\"}");
        ChatResult result = adapter.complete(call(model, tools(List.of(Message.user("Weather in Rome?"),
                new Message.AssistantMessage(List.of(foreign)),
                new Message.ToolMessage("call_from_openai", List.of(new ContentPart.Text("rainy"))))), TIMEOUT));
        assertThat(result.message().text()).isEqualTo("Done.");
        assertThat(sim.requestsFor(model).getFirst().bodyText()).contains("skip_thought_signature_validator");
    }

    @Test void complete_promptBlocked_isAnEmptyContentFilterAnswer() {
        String model = model();
        sim.script(model, Step.fault(Fault.contentFiltered()));
        ChatResult result = adapter.complete(call(model, hello(), TIMEOUT));
        assertThat(result.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(result.message().text()).isEmpty();
    }

    @Test void stream_promptBlocked_finishesWithContentFilter() {
        String model = model();
        sim.script(model, Step.fault(Fault.contentFiltered()));
        List<StreamEvent> events = drain(adapter.stream(call(model, hello().withStream(true, false), TIMEOUT)));
        assertThat(events).last().isEqualTo(new StreamEvent.Finished(FinishReason.CONTENT_FILTER));
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.TextDelta);
    }

    @Test void stream_toolCall_isOneWholeDeltaThenToolCallsFinish() {
        String model = model();
        sim.script(model, Step.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        List<StreamEvent> events = drain(adapter.stream(call(model, tools(List.of(Message.user("Weather?"))).withStream(true, false), TIMEOUT)));
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.ToolCallDelta).singleElement().satisfies(e -> {
            StreamEvent.ToolCallDelta d = (StreamEvent.ToolCallDelta) e;
            assertThat(d.index()).isZero();
            assertThat(d.name()).isEqualTo("get_weather");
            assertThat(d.argumentsFragment()).isEqualTo("{\"city\":\"Paris\"}");
        });
        assertThat(events).last().isEqualTo(new StreamEvent.Finished(FinishReason.TOOL_CALLS));
        assertThat(sim.requestsFor(model).getFirst().path()).endsWith(":streamGenerateContent?alt=sse");
    }

    private static ChatRequest tools(List<Message> messages) {
        return new ChatRequest(messages, List.of(WEATHER), null, null, null, null, null, null, null, false, false, null, null);
    }
}
