package dev.junction.gateway.openai;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.GenerateStream;
import dev.junction.Junction;
import dev.junction.error.JunctionException;
import dev.junction.event.RequestInfo;
import dev.junction.gateway.access.AccessLog;
import dev.junction.gateway.access.KeyAuthenticator;
import dev.junction.gateway.access.Refusal;
import dev.junction.gateway.access.RequestGate;
import dev.junction.gateway.server.JunctionHolder;
import dev.junction.ledger.keys.GatewayKey;
import dev.junction.providers.openai.OpenAiRequestMapper;
import dev.junction.providers.openai.OpenAiResponseMapper;
import dev.junction.runner.Attempt;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: checks the caller at the {@link RequestGate}, parses the OpenAI body,
 * hands it to {@link Junction#generate}, and answers in OpenAI's shape with Junction's headers saying what
 * happened. Thin on purpose: routing, fallback, limits and usage live elsewhere. The request holds a
 * {@link JunctionHolder.Lease} throughout, so a config reload never changes the Junction under it.
 */
public final class ChatCompletionsHandler implements Handler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatCompletionsHandler.class);
    private static final io.helidon.http.Header EVENT_STREAM = HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream");
    private static final io.helidon.http.Header NO_CACHE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache");
    private final JunctionHolder junctions;
    private final RequestGate gate;
    private final long maxBodyBytes;

    public ChatCompletionsHandler(JunctionHolder junctions, RequestGate gate, long maxBodyBytes) {
        this.junctions = junctions;
        this.gate = gate;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        try (JunctionHolder.Lease lease = junctions.acquire()) {
            handle(lease.junction(), req, res);
        }
    }

    private void handle(Junction j, ServerRequest req, ServerResponse res) {
        ServerRequestHeaders h = req.headers();
        String callerId = CallerContext.header(h, JunctionHeaders.CALLER_REQUEST_ID);
        String requestId = callerId != null && !callerId.isBlank() ? callerId : Junction.newRequestId();
        res.header(JunctionHeaders.REQUEST_ID, requestId);

        // an unknown caller leaves no usage row: the ledger is for callers the gateway knows
        KeyAuthenticator.Result caller = gate.authenticate(j.config().auth(), CallerContext.header(h, HeaderNames.AUTHORIZATION));
        if (caller.refusal() != null) {
            refuse(res, caller.refusal());
            return;
        }
        GatewayKey key = caller.key();
        String keyId = key == null ? null : key.id();

        byte[] body;
        try {
            long declared = h.contentLength().orElse(-1);
            body = RequestBody.read(req.content().inputStream(), declared, maxBodyBytes);
        } catch (RequestBody.TooLarge e) {
            reject(j, res, requestId, keyId, h, 413, "request_too_large", "request body is larger than server.maxBodyBytes (" + maxBodyBytes + " bytes)", null);
            return;
        } catch (IOException | RuntimeException e) {
            reject(j, res, requestId, keyId, h, 400, "invalid_request", "could not read the request body", null);
            return;
        }

        OpenAiRequestMapper.ParsedRequest parsed;
        try {
            parsed = OpenAiRequestMapper.parse(body);
        } catch (JunctionException.InvalidRequest e) {
            reject(j, res, requestId, keyId, h, 400, e.code(), e.getMessage(), e.param());
            return;
        }
        String customer = CallerContext.customer(h, parsed.request().user());
        AccessLog.note(req, customer, keyId);
        Map<String, String> tags = CallerContext.tags(h, parsed.metadata());
        GenerateRequest request = new GenerateRequest(parsed.model(), parsed.request(), customer, tags, requestId, keyId);
        res.header(JunctionHeaders.TASK, parsed.model());
        Refusal refusal = gate.admit(key, parsed.model(), customer, j.config().limits());
        if (refusal != null) {
            j.recordRejected(j.requestInfo(request), refusal.code());
            refuse(res, refusal);
            return;
        }
        if (parsed.request().stream()) {
            stream(j, request, res);
            return;
        }
        try {
            GenerateResult result = j.generate(request);
            res.header(JunctionHeaders.MODEL, result.servedModel().toString());
            res.header(JunctionHeaders.FALLBACK, String.valueOf(result.fallback()));
            res.header(JunctionHeaders.ATTEMPTS, String.valueOf(result.attemptCount()));
            if (result.costUsd() != null) res.header(JunctionHeaders.COST_USD, JunctionHeaders.usd(result.costUsd()));
            if (!result.result().droppedParams().isEmpty()) {
                res.header(JunctionHeaders.DROPPED_PARAMS, String.join(",", result.result().droppedParams()));
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(OpenAiResponseMapper.write(result.result(), "chatcmpl-" + requestId, result.servedModel().toString(),
                    Instant.now().getEpochSecond()));
        } catch (JunctionException e) {
            writeFailure(res, e);
        } catch (RuntimeException e) {
            // A bug must still answer in OpenAI's shape, without a stack trace, and leave the server serving.
            LOG.error("request {} failed inside Junction", requestId, e);
            res.header(JunctionHeaders.SHOULD_RETRY, "false");
            send(res, 500, OpenAiErrorWriter.body(500, "internal_error", "Junction failed to handle the request (request id " + requestId + ")", null));
        }
    }

    /**
     * Streams the answer. Headers go out only once a model produced its first content event, so they name
     * the model that serves and a failure before that is still a plain HTTP error.
     */
    private static void stream(Junction j, GenerateRequest request, ServerResponse res) {
        GenerateStream stream;
        try {
            stream = j.stream(request);
        } catch (JunctionException e) {
            writeFailure(res, e);
            return;
        }
        try (stream) {
            String model = stream.servedModel().toString();
            res.header(JunctionHeaders.MODEL, model);
            res.header(JunctionHeaders.FALLBACK, String.valueOf(stream.fallback()));
            res.header(JunctionHeaders.ATTEMPTS, String.valueOf(stream.attemptCount()));
            if (!stream.droppedParams().isEmpty()) res.header(JunctionHeaders.DROPPED_PARAMS, String.join(",", stream.droppedParams()));
            res.header(EVENT_STREAM);
            res.header(NO_CACHE);
            try (OutputStream out = res.outputStream()) {
                new SseWriter(out, "chatcmpl-" + stream.requestId(), model, Instant.now().getEpochSecond())
                        .relay(stream, request.request().includeUsage());
            }
        } catch (IOException | RuntimeException e) {
            // The caller went away: closing the stream (above) cancels the upstream request at once.
            LOG.debug("stream to the caller ended early: {}", e.toString());
        }
    }

    /** A request that failed after routing: the error plus what was tried. */
    private static void writeFailure(ServerResponse res, JunctionException e) {
        List<Attempt> attempts = e.attempts();
        long called = attempts.stream().filter(Attempt::called).count();
        res.header(JunctionHeaders.ATTEMPTS, String.valueOf(called));
        attempts.stream().filter(Attempt::called).reduce((a, b) -> b)
                .ifPresent(last -> res.header(JunctionHeaders.MODEL, last.model().toString()));
        res.header(JunctionHeaders.FALLBACK, "false");
        // Junction already retried and fell back; an SDK replaying the whole chain would only add load.
        res.header(JunctionHeaders.SHOULD_RETRY, "false");
        if (e.retryAfter() != null) {
            res.header(JunctionHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        String param = e instanceof JunctionException.InvalidRequest ir ? ir.param() : null;
        send(res, e.httpStatus(), OpenAiErrorWriter.body(e.httpStatus(), e.code(), e.getMessage(), param));
    }

    /** A request refused before routing still leaves its usage row. */
    private static void reject(Junction j, ServerResponse res, String requestId, String keyId, ServerRequestHeaders h,
                               int status, String code, String message, String param) {
        RequestInfo info = new RequestInfo(requestId, null, CallerContext.customer(h, null), CallerContext.tags(h, null),
                false, keyId, Instant.now());
        j.recordRejected(info, code);
        res.header(JunctionHeaders.SHOULD_RETRY, "false");
        send(res, status, OpenAiErrorWriter.body(status, code, message, param));
    }

    /**
     * A caller turned away by the gate. A limit says when to come back ({@code retry-after}), and an SDK may
     * retry then; a bad key or a forbidden task will not get better by retrying.
     */
    public static void refuse(ServerResponse res, Refusal r) {
        if (r.retryAfterSeconds() != null) {
            res.header(JunctionHeaders.RETRY_AFTER, String.valueOf(r.retryAfterSeconds()));
        } else {
            res.header(JunctionHeaders.SHOULD_RETRY, "false");
        }
        send(res, r.status(), OpenAiErrorWriter.body(r.status(), r.code(), r.message(), null));
    }

    static void send(ServerResponse res, int status, byte[] body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }
}
