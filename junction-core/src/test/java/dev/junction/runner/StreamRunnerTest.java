package dev.junction.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.GenerateStream;
import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.JunctionException;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.testing.EventRecorder;
import dev.junction.usage.UsageSink;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streams through the runner: commit on first content, fallback before it, the row's status after it. */
class StreamRunnerTest {
    private final EventRecorder recorder = new EventRecorder();
    private final Map<String, Deque<Object>> scripts = new java.util.HashMap<>();

    /** Each scripted item is a StreamEvent to yield or a Failure to throw at that point. */
    private final ProviderAdapter adapter = new ProviderAdapter() {
        @Override public String api() { return "scripted-stream"; }
        @Override public ChatResult complete(ProviderCall call) { throw new UnsupportedOperationException(); }
        @Override public ProviderStream stream(ProviderCall call) {
            Deque<Object> items = new ArrayDeque<>(scripts.getOrDefault(call.deployment().upstreamModel(), new ArrayDeque<>()));
            return new ProviderStream() {
                @Override public boolean hasNext() {
                    if (items.peek() instanceof Failure f) throw new ProviderException(f);
                    return !items.isEmpty();
                }
                @Override public StreamEvent next() { hasNext(); return (StreamEvent) items.poll(); }
                @Override public void close() { items.clear(); }
            };
        }
    };

    private Junction junction() {
        return Junction.builder(new ConfigLoader(Map.of()).parse("""
                providers:
                  a: { api: openai, baseUrl: http://127.0.0.1:9/v1 }
                  b: { api: openai, baseUrl: http://127.0.0.1:9/v1 }
                routes:
                  chat: { primary: a/m1, fallback: [b/m2] }
                """, "t.yaml")).adapter("a", adapter).adapter("b", adapter).usageSink(UsageSink.NONE).listener(recorder).build();
    }

    private void script(String model, Object... items) { scripts.put(model, new ArrayDeque<>(List.of(items))); }

    private static GenerateRequest ask() { return GenerateRequest.of("chat", List.of(Message.user("hi")), "c"); }

    private static final Failure CUT = Failure.of(ErrorClass.CONNECTION, "reset");

    @Test
    void stream_failsBeforeContent_fallsBackAndCommitsToTheFallback() {
        script("m1", new StreamEvent.Started("r1", "m1"), CUT);
        script("m2", new StreamEvent.Started("r2", "m2"), new StreamEvent.TextDelta("hello"), new StreamEvent.Finished(FinishReason.STOP),
                new StreamEvent.UsageReported(new Usage(3, 1)));

        GenerateResult r;
        try (GenerateStream s = junction().stream(ask())) {
            assertThat(s.servedModel().toString()).isEqualTo("b/m2");
            assertThat(s.fallback()).isTrue();
            r = s.collect();
        }

        assertThat(r.text()).isEqualTo("hello");
        assertThat(recorder.onlyRow().status().wireName()).isEqualTo("ok");
        assertThat(recorder.onlyRow().usage()).isEqualTo(new Usage(3, 1));
        assertThat(recorder.onlyRow().ttftMs()).isNotNull();
    }

    @Test
    void stream_failsAfterContent_interruptedWithoutSwitchingModels() {
        script("m1", new StreamEvent.TextDelta("hel"), CUT);

        GenerateStream s = junction().stream(ask());
        assertThat(s.next()).isEqualTo(new StreamEvent.TextDelta("hel"));

        assertThatThrownBy(s::hasNext).isInstanceOf(JunctionException.StreamInterrupted.class);
        assertThat(recorder.onlyRow().status().wireName()).isEqualTo("interrupted");
        assertThat(recorder.onlyRow().attempts()).extracting(a -> a.outcome().ledgerName()).containsExactly("interrupted");
    }

    @Test
    void stream_failsAfterItsFinishEvent_isStillComplete() {
        script("m1", new StreamEvent.TextDelta("done"), new StreamEvent.Finished(FinishReason.STOP), CUT);

        GenerateResult r = junction().stream(ask()).collect();

        assertThat(r.text()).isEqualTo("done");
        assertThat(recorder.onlyRow().status().wireName()).isEqualTo("ok");
    }

    @Test
    void stream_endsWithoutFinishEvent_isInterruptedAsConnection() {
        script("m1", new StreamEvent.TextDelta("half"));

        GenerateStream s = junction().stream(ask());
        s.next();

        assertThatThrownBy(s::hasNext).isInstanceOfSatisfying(JunctionException.StreamInterrupted.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(ErrorClass.CONNECTION));
    }

    @Test
    void stream_closedByCallerBeforeTheEnd_rowCancelledWithTokensSeen() {
        script("m1", new StreamEvent.TextDelta("a"), new StreamEvent.UsageReported(new Usage(5, 2)), new StreamEvent.TextDelta("b"),
                new StreamEvent.Finished(FinishReason.STOP));

        try (GenerateStream s = junction().stream(ask())) {
            s.next();
            s.next();
        }

        assertThat(recorder.onlyRow().status().wireName()).isEqualTo("cancelled");
        assertThat(recorder.onlyRow().usage()).isEqualTo(new Usage(5, 2));
    }
}
