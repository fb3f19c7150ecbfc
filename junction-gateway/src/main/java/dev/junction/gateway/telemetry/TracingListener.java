package dev.junction.gateway.telemetry;

import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry spans from {@link AttemptListener} callbacks: one span per client request and one child
 * span per upstream attempt, with the GenAI semantic conventions ({@code gen_ai.operation.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.usage.*},
 * {@code gen_ai.provider.name}). The provider name is the config's provider name ({@code openai},
 * {@code qwen}, ...). Spans are held by request id between callbacks; each request's last callback
 * ({@code requestEnd}) ends and forgets them.
 */
public final class TracingListener implements AttemptListener {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> TASK = AttributeKey.stringKey("junction.task");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("junction.request_id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("junction.outcome");
    static final AttributeKey<Boolean> FALLBACK = AttributeKey.booleanKey("junction.fallback");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("junction.attempts");
    static final String CHAT = "chat";

    private record Spans(Span request, Map<Integer, Span> attempts) {}

    private final Tracer tracer;
    private final Map<String, Spans> open = new ConcurrentHashMap<>();

    public TracingListener(Tracer tracer) { this.tracer = tracer; }

    @Override
    public void requestStart(RequestInfo r) {
        Span span = tracer.spanBuilder(CHAT + " " + r.task()).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(r.startedAt().toEpochMilli(), TimeUnit.MILLISECONDS)
                .setAttribute(OPERATION, CHAT).setAttribute(TASK, r.task()).setAttribute(REQUEST_ID, r.requestId())
                .startSpan();
        open.put(r.requestId(), new Spans(span, new ConcurrentHashMap<>()));
    }

    @Override
    public void candidateSkipped(RequestInfo r, Attempt skipped) {
        Spans s = open.get(r.requestId());
        if (s != null) {
            s.request.addEvent("candidate_skipped", Attributes.of(REQUEST_MODEL, skipped.model().name(),
                    PROVIDER, skipped.provider(), OUTCOME, skipped.outcome().ledgerName()));
        }
    }

    @Override
    public void attemptStart(RequestInfo r, int ordinal, ModelId model) {
        Spans s = open.get(r.requestId());
        if (s == null) return;
        Span span = tracer.spanBuilder(CHAT + " " + model.name()).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(s.request))
                .setAttribute(OPERATION, CHAT).setAttribute(REQUEST_MODEL, model.name()).setAttribute(PROVIDER, model.provider())
                .startSpan();
        s.attempts.put(ordinal, span);
    }

    @Override
    public void firstToken(RequestInfo r, int ordinal, long ttftMs) {
        Spans s = open.get(r.requestId());
        Span span = s == null ? null : s.attempts.get(ordinal);
        if (span != null) span.addEvent("first_token");
    }

    @Override
    public void attemptEnd(RequestInfo r, Attempt a) {
        Spans s = open.get(r.requestId());
        Span span = s == null ? null : s.attempts.remove(a.ordinal());
        if (span == null) return;
        span.setAttribute(OUTCOME, a.outcome().ledgerName());
        usage(span, a.usage().inputTokens(), a.usage().outputTokens());
        if (a.outcome() instanceof Outcome.Ok) {
            span.setAttribute(RESPONSE_MODEL, a.model().name());
        } else {
            span.setAttribute(ERROR_TYPE, a.outcome().ledgerName());
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public void requestEnd(RequestInfo r, UsageRecord u) {
        Spans s = open.remove(r.requestId());
        if (s == null) { // refused before routing: no requestStart came
            requestStart(r);
            s = open.remove(r.requestId());
        }
        s.attempts.values().forEach(Span::end); // an attempt cut short without its end callback
        Span span = s.request;
        if (u.routePrimary() != null) span.setAttribute(REQUEST_MODEL, modelName(u.routePrimary()));
        if (u.model() != null && u.status() != dev.junction.usage.UsageStatus.ERROR) {
            span.setAttribute(RESPONSE_MODEL, modelName(u.model()));
            span.setAttribute(PROVIDER, u.provider());
        }
        usage(span, u.usage().inputTokens(), u.usage().outputTokens());
        span.setAttribute(FALLBACK, u.fallback());
        span.setAttribute(ATTEMPTS, (long) u.attemptCount());
        span.setAttribute(OUTCOME, u.status().wireName());
        if (u.errorClass() != null) {
            span.setAttribute(ERROR_TYPE, u.errorClass());
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static void usage(Span span, long in, long out) {
        if (in > 0) span.setAttribute(INPUT_TOKENS, in);
        if (out > 0) span.setAttribute(OUTPUT_TOKENS, out);
    }

    /** {@code openai/gpt-4.1-mini} -> {@code gpt-4.1-mini}: GenAI attributes carry the provider's model name. */
    private static String modelName(String id) {
        ModelId m = ModelId.parseOrNull(id);
        return m == null ? id : m.name();
    }
}
