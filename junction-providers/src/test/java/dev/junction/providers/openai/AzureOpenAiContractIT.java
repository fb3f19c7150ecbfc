package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ProviderConfig;
import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.ProviderContract;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The provider contract for {@code api: azure-openai} on Azure's classic deployment URL, against the
 * simulator's Azure variant of the OpenAI persona; plus what only Azure has: the deployment in the
 * path with {@code api-version}, the {@code api-key} header, the prompt-filter chunk that opens every
 * stream, and the prompt filter's 400.
 */
class AzureOpenAiContractIT extends ProviderContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String API_VERSION = "2024-10-21";

    @Override protected String api() { return "azure-openai"; }

    @Override protected String baseUrl(Simulator sim) { return sim.azureBaseUrl(); }

    @Override protected ProviderConfig providerConfig(Simulator sim) {
        return new ProviderConfig("sim", api(), URI.create(baseUrl(sim)), Secret.of(KEY), Map.of("x-team", "contract"),
                null, 8, API_VERSION);
    }

    @Override protected ProviderAdapter createAdapter(ProviderConfig config) {
        for (ProviderAdapterFactory f : ServiceLoader.load(ProviderAdapterFactory.class)) {
            if (f.apis().contains(config.api())) return f.create(config);
        }
        throw new AssertionError("no ProviderAdapterFactory registered for " + config.api());
    }

    @Test void complete_anyCall_goesToTheDeploymentUrlWithTheApiKeyHeaderOnly() {
        String model = model();
        sim.script(model, Step.ok("hi"));
        adapter.complete(call(model, hello(), TIMEOUT));
        assertSentToDeployment(sim.requestsFor(model).getFirst(), model);
    }

    @Test void stream_anyCall_goesToTheDeploymentUrlWithTheApiKeyHeaderOnly() {
        String model = model();
        sim.script(model, Step.ok("hi"));
        drain(adapter.stream(call(model, hello(), TIMEOUT)));
        SeenRequest seen = sim.requestsFor(model).getFirst();
        assertSentToDeployment(seen, model);
        assertThat(seen.stream()).isTrue();
    }

    @Test void stream_promptFilterChunkFirst_isSkippedWithoutAStrayEvent() {
        String model = model();
        sim.script(model, Step.ok("one two").withUsage(4, 2));
        List<StreamEvent> events = drain(adapter.stream(call(model, hello(), TIMEOUT)));
        // the filter chunk has an empty id and model: Started must come from the first real chunk
        assertThat(events.getFirst()).isInstanceOfSatisfying(StreamEvent.Started.class, started -> {
            assertThat(started.responseId()).startsWith("chatcmpl-");
            assertThat(started.upstreamModel()).isEqualTo(model);
        });
        assertThat(events.subList(1, events.size())).containsExactly(
                new StreamEvent.TextDelta("one"),
                new StreamEvent.TextDelta(" two"),
                new StreamEvent.Finished(FinishReason.STOP),
                events.getLast());
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.UsageReported.class,
                u -> assertThat(u.usage().inputTokens()).isEqualTo(4));
    }

    @Test void stream_droppedRightAfterTheFilterChunk_isConnectionNotSuccess() {
        String model = model();
        sim.script(model, Step.ok("a b c").withFault(Fault.dropAfterEvents(1)));
        Failure f = failureOf(() -> drain(adapter.stream(call(model, hello(), TIMEOUT))));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.CONNECTION);
    }

    @Test void complete_promptFiltered_isContentRefused() {
        String model = model();
        sim.script(model, Step.fault(Fault.contentFiltered()));
        Failure f = failureOf(() -> adapter.complete(call(model, hello(), TIMEOUT)));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.CONTENT_REFUSED);
        assertThat(f.httpStatus()).isEqualTo(400);
        assertThat(f.providerCode()).isEqualTo("content_filter");
    }

    @Test void stream_promptFiltered_isContentRefusedFromStream() {
        String model = model();
        sim.script(model, Step.fault(Fault.contentFiltered()));
        Failure f = failureOf(() -> adapter.stream(call(model, hello(), TIMEOUT)));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.CONTENT_REFUSED);
    }

    @Test void stream_outputFiltered_finishesWithContentFilter() {
        String model = model();
        sim.script(model, Step.refusal());
        List<StreamEvent> events = drain(adapter.stream(call(model, hello(), TIMEOUT)));
        assertThat(events).contains(new StreamEvent.Finished(FinishReason.CONTENT_FILTER));
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.TextDelta);
    }

    @Test void complete_rateLimited_readsAzuresStringCodeAndRetryAfter() {
        String model = model();
        sim.script(model, Step.fault(Fault.rateLimited(Duration.ofSeconds(6))));
        Failure f = failureOf(() -> adapter.complete(call(model, hello(), TIMEOUT)));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(f.providerCode()).isEqualTo("429");
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    private static void assertSentToDeployment(SeenRequest seen, String model) {
        assertThat(seen.persona()).isEqualTo("azure-openai");
        assertThat(seen.path()).isEqualTo("/azure/openai/deployments/" + model + "/chat/completions?api-version=" + API_VERSION);
        assertThat(seen.header("api-key")).isEqualTo(KEY);
        assertThat(seen.header("authorization")).isNull();
    }
}
