package dev.junction.testing;

import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory adapter for runner tests: each upstream model name gets a queue of outcomes (an answer
 * or a failure); an empty queue answers "ok from MODEL". Records every call it receives. Optionally
 * advances a {@link FakeClock} per call to simulate latency without sleeping.
 */
public final class ScriptedAdapter implements ProviderAdapter {
    private final Map<String, Deque<Object>> scripts = new HashMap<>();
    private final List<ProviderCall> calls = Collections.synchronizedList(new ArrayList<>());
    private Consumer<ProviderCall> onCall = c -> {};

    public ScriptedAdapter fail(String model, ErrorClass c, int status) {
        return then(model, new Failure(c, status, null, null, c.wireName()));
    }

    public ScriptedAdapter fail(String model, Failure f) { return then(model, f); }

    public ScriptedAdapter answer(String model, ChatResult result) { return then(model, result); }

    public ScriptedAdapter onCall(Consumer<ProviderCall> hook) {
        this.onCall = hook;
        return this;
    }

    private ScriptedAdapter then(String model, Object outcome) {
        scripts.computeIfAbsent(model, k -> new ArrayDeque<>()).add(outcome);
        return this;
    }

    public static Failure rateLimited(Duration retryAfter) {
        return new Failure(ErrorClass.RATE_LIMITED, 429, retryAfter, "rate_limit_exceeded", "rate limited");
    }

    public static ChatResult ok(String text, long in, long out) {
        return new ChatResult(Message.assistant(text), FinishReason.STOP, new Usage(in, out), "resp-1", null);
    }

    public List<ProviderCall> calls() { return List.copyOf(calls); }

    public List<String> calledModels() { return calls().stream().map(c -> c.deployment().upstreamModel()).toList(); }

    @Override public String api() { return "scripted"; }

    @Override public ChatResult complete(ProviderCall call) {
        calls.add(call);
        onCall.accept(call);
        Deque<Object> q = scripts.get(call.deployment().upstreamModel());
        Object next = q == null ? null : q.poll();
        if (next instanceof Failure f) throw new ProviderException(f);
        if (next instanceof ChatResult r) return r;
        return ok("ok from " + call.deployment().upstreamModel(), 10, 5);
    }

    @Override public ProviderStream stream(ProviderCall call) {
        throw new UnsupportedOperationException("scripted streams are not needed by these tests");
    }
}
