package dev.junction.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.ProviderConfig;
import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResult;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import dev.junction.model.ToolSpec;
import dev.junction.provider.Deployment;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.route.ModelId;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every provider adapter must do over real HTTP, run against the simulator's persona for its
 * wire format. A subclass names the api and the persona's base URL; each test scripts its own model
 * name, so tests share one simulator and one adapter (and its connection pool) without interfering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderContract {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger MODELS = new AtomicInteger();
    /** The key every adapter under test is configured with. */
    protected static final String KEY = "test-key";

    protected Simulator sim;
    protected ProviderAdapter adapter;

    /** The config's {@code api:} value under test. */
    protected abstract String api();

    /** The simulator persona's base URL for this api. */
    protected abstract String baseUrl(Simulator sim);

    /** Creates the adapter under test, as the factory found by ServiceLoader would. */
    protected abstract ProviderAdapter createAdapter(ProviderConfig config);

    /** The configured provider under test; a subclass overrides it to add what its api needs (Azure's {@code apiVersion}). */
    protected ProviderConfig providerConfig(Simulator sim) {
        return new ProviderConfig("sim", api(), URI.create(baseUrl(sim)), Secret.of(KEY), Map.of("x-team", "contract"),
                null, 8, null);
    }

    @BeforeAll void startSimulator() {
        sim = Simulator.start();
        adapter = createAdapter(providerConfig(sim));
    }

    @AfterAll void stopSimulator() {
        if (adapter != null) adapter.close();
        if (sim != null) sim.close();
    }

    // ---- successful calls

    @Test void complete_okText_returnsTextAndUsage() {
        String model = model();
        sim.script(model, Step.ok("Hello from the simulator").withUsage(12, 5));
        ChatResult result = adapter.complete(call(model, hello(), CALL_TIMEOUT));
        assertThat(result.message().text()).isEqualTo("Hello from the simulator");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.usage().inputTokens()).isEqualTo(12);
        assertThat(result.usage().outputTokens()).isEqualTo(5);
        SeenRequest seen = sim.requestsFor(model).getFirst();
        assertThat(seen.header("x-team")).isEqualTo("contract");
        assertThat(seen.stream()).isFalse();
    }

    @Test void complete_toolCall_returnsCallWithArguments() {
        String model = model();
        sim.script(model, Step.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatRequest request = new ChatRequest(List.of(Message.user("Weather in Paris?")),
                List.of(new ToolSpec("get_weather", "Current weather", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", null)),
                null, null, null, null, null, null, null, false, false, null, null);
        ChatResult result = adapter.complete(call(model, request, CALL_TIMEOUT));
        assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.message().toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(c.id()).isNotBlank();
        });
    }

    @Test void stream_okText_yieldsStartedTextFinishedAndUsage() {
        String model = model();
        sim.script(model, Step.ok("one two three").withUsage(7, 3));
        List<StreamEvent> events = drain(adapter.stream(call(model, hello().withStream(true, false), CALL_TIMEOUT)));
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.Started.class);
        StringBuilder text = new StringBuilder();
        for (StreamEvent e : events) if (e instanceof StreamEvent.TextDelta t) text.append(t.text());
        assertThat(text).hasToString("one two three");
        assertThat(events).contains(new StreamEvent.Finished(FinishReason.STOP));
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.UsageReported).singleElement()
                .satisfies(e -> assertThat(((StreamEvent.UsageReported) e).usage().inputTokens()).isEqualTo(7));
        assertThat(sim.requestsFor(model).getFirst().stream()).isTrue();
    }

    @Test void stream_malformedEventMidway_isSkippedAndStreamCompletes() {
        String model = model();
        sim.script(model, Step.ok("still fine").withFault(Fault.malformedBody()));
        List<StreamEvent> events = drain(adapter.stream(call(model, hello(), CALL_TIMEOUT)));
        assertThat(events).contains(new StreamEvent.Finished(FinishReason.STOP));
    }

    // ---- classified failures

    @Test void complete_rateLimited_isRateLimitedWithRetryAfter() {
        Failure f = completeFails(Step.fault(Fault.rateLimited(Duration.ofSeconds(2))));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(f.httpStatus()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test void complete_overloaded_isOverloaded() {
        assertThat(completeFails(Step.fault(Fault.overloaded())).errorClass()).isEqualTo(ErrorClass.OVERLOADED);
    }

    @Test void complete_serverError_isServerError() {
        assertThat(completeFails(Step.fault(Fault.serverError(500))).errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
    }

    @Test void complete_invalidRequest_isInvalidRequest() {
        assertThat(completeFails(Step.fault(Fault.invalidRequest("temperature is out of range"))).errorClass())
                .isEqualTo(ErrorClass.INVALID_REQUEST);
    }

    @Test void complete_contextTooLong_isContextTooLong() {
        assertThat(completeFails(Step.fault(Fault.contextTooLong())).errorClass()).isEqualTo(ErrorClass.CONTEXT_TOO_LONG);
    }

    @Test void complete_unauthorized_isAuthenticationWithoutTheKey() {
        Failure f = completeFails(Step.fault(Fault.unauthorized()));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.AUTHENTICATION);
        assertThat(f.message()).doesNotContain(KEY);
    }

    @Test void complete_modelNotFound_isModelNotFound() {
        assertThat(completeFails(Step.fault(Fault.modelNotFound())).errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
    }

    @Test void complete_quotaExhausted_isQuotaExhausted() {
        assertThat(completeFails(Step.fault(Fault.quotaExhausted())).errorClass()).isEqualTo(ErrorClass.QUOTA_EXHAUSTED);
    }

    @Test void complete_malformedBody_isServerError() {
        assertThat(completeFails(Step.fault(Fault.malformedBody())).errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
    }

    @Test void complete_reset_isConnection() {
        String model = model();
        // always: a reset on a pooled connection is resent once on a fresh one, which must fail too
        sim.scriptAlways(model, Step.fault(Fault.reset()));
        Failure f = failureOf(() -> adapter.complete(call(model, hello(), CALL_TIMEOUT)));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(sim.requestsFor(model)).hasSizeBetween(1, 2);
    }

    @Test void complete_delayedResponse_timesOutWithinTheCallTimeout() {
        String model = model();
        sim.script(model, Step.fault(Fault.delay(Duration.ofSeconds(8))));
        long start = System.nanoTime();
        Failure f = failureOf(() -> adapter.complete(call(model, hello(), Duration.ofMillis(500))));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(f.errorClass()).as(f.message()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test void complete_headersThenNoBody_timesOutWithinTheCallTimeout() {
        String model = model();
        sim.script(model, Step.fault(Fault.stallAfterEvents(0)));
        long start = System.nanoTime();
        Failure f = failureOf(() -> adapter.complete(call(model, hello(), Duration.ofMillis(500))));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test void stream_errorBeforeHeaders_isThrownByStream() {
        String model = model();
        sim.script(model, Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
        Failure f = failureOf(() -> adapter.stream(call(model, hello(), CALL_TIMEOUT)));
        assertThat(f.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    }

    @Test void stream_droppedMidway_failsWithConnectionFromNext() {
        String model = model();
        sim.script(model, Step.ok("a b c d e f g h").withFault(Fault.dropAfterEvents(2)));
        try (ProviderStream stream = adapter.stream(call(model, hello(), CALL_TIMEOUT))) {
            assertThat(stream.next()).isInstanceOf(StreamEvent.Started.class);
            Failure f = failureOf(() -> { while (stream.hasNext()) stream.next(); });
            assertThat(f.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        }
    }

    @Test void stream_errorEventAfterContent_isClassifiedFromNext() {
        String model = model();
        sim.script(model, Step.ok("a b c d").withFault(Fault.errorEventAfter(2, Fault.overloaded())));
        try (ProviderStream stream = adapter.stream(call(model, hello(), CALL_TIMEOUT))) {
            Failure f = failureOf(() -> { while (stream.hasNext()) stream.next(); });
            assertThat(f.errorClass()).isIn(ErrorClass.OVERLOADED, ErrorClass.SERVER_ERROR);
        }
    }

    @Test void stream_noFirstEvent_timesOutFromNext() {
        String model = model();
        sim.script(model, Step.fault(Fault.stallAfterEvents(0)));
        long start = System.nanoTime();
        Failure f = failureOf(() -> {
            try (ProviderStream stream = adapter.stream(call(model, hello(), Duration.ofMillis(500)))) {
                stream.hasNext();
            }
        });
        assertThat(f.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test void stream_stalledThenClosed_cancelsTheUpstreamRequest() throws InterruptedException {
        String model = model();
        sim.script(model, Step.ok("a b c d e f").withFault(Fault.stallAfterEvents(2)));
        ProviderStream stream = adapter.stream(call(model, hello(), CALL_TIMEOUT));
        assertThat(stream.next()).isInstanceOf(StreamEvent.Started.class);
        stream.close();
        stream.close();
        assertThat(sim.requestsFor(model).getFirst().awaitClientDisconnected(Duration.ofSeconds(5))).isTrue();
    }

    // ---- helpers

    private Failure completeFails(Step step) {
        String model = model();
        sim.script(model, step);
        return failureOf(() -> adapter.complete(call(model, hello(), CALL_TIMEOUT)));
    }

    protected static Failure failureOf(Runnable action) {
        Failure[] failure = new Failure[1];
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProviderException.class, e -> failure[0] = e.failure());
        return failure[0];
    }

    protected ProviderCall call(String model, ChatRequest request, Duration timeout) {
        ProviderConfig config = new ProviderConfig("sim", api(), URI.create(baseUrl(sim)), null, null, null, null, null);
        return new ProviderCall(new Deployment(new ModelId("sim", model), config), request, timeout, "req-" + model);
    }

    protected static ChatRequest hello() {
        return ChatRequest.of(List.of(Message.system("Be brief."), new Message.UserMessage(List.of(new ContentPart.Text("Say hello")))));
    }

    protected static String model() { return "contract-model-" + MODELS.incrementAndGet(); }

    protected static List<StreamEvent> drain(ProviderStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        try (stream) {
            while (stream.hasNext()) events.add(stream.next());
        }
        return events;
    }
}
