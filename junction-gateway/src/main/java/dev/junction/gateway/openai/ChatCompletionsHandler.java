package dev.junction.gateway.openai;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.Junction;
import dev.junction.error.JunctionException;
import dev.junction.event.RequestInfo;
import dev.junction.providers.openai.OpenAiRequestMapper;
import dev.junction.providers.openai.OpenAiResponseMapper;
import dev.junction.runner.Attempt;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions}: parses the OpenAI body, hands it to {@link Junction#generate}, and
 * answers in OpenAI's shape with Junction's headers saying what happened. Thin on purpose: routing,
 * fallback and usage live in core.
 */
public final class ChatCompletionsHandler implements Handler {
    private final Supplier<Junction> junction;
    private final long maxBodyBytes;

    public ChatCompletionsHandler(Supplier<Junction> junction, long maxBodyBytes) {
        this.junction = junction;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Junction j = junction.get();
        ServerRequestHeaders h = req.headers();
        String callerId = CallerContext.header(h, JunctionHeaders.CALLER_REQUEST_ID);
        String requestId = callerId != null && !callerId.isBlank() ? callerId : Junction.newRequestId();
        res.header(JunctionHeaders.REQUEST_ID, requestId);

        byte[] body;
        try {
            long declared = h.contentLength().orElse(-1);
            body = RequestBody.read(req.content().inputStream(), declared, maxBodyBytes);
        } catch (RequestBody.TooLarge e) {
            reject(j, res, requestId, h, 413, "request_too_large", "request body is larger than server.maxBodyBytes (" + maxBodyBytes + " bytes)", null);
            return;
        } catch (IOException | RuntimeException e) {
            reject(j, res, requestId, h, 400, "invalid_request", "could not read the request body", null);
            return;
        }

        OpenAiRequestMapper.ParsedRequest parsed;
        try {
            parsed = OpenAiRequestMapper.parse(body);
        } catch (JunctionException.InvalidRequest e) {
            reject(j, res, requestId, h, 400, e.code(), e.getMessage(), e.param());
            return;
        }
        if (parsed.request().stream()) {
            reject(j, res, requestId, h, 400, "invalid_request", "stream: true is not supported by this gateway version yet", "stream");
            return;
        }

        String customer = CallerContext.customer(h, parsed.request().user());
        Map<String, String> tags = CallerContext.tags(h, parsed.metadata());
        GenerateRequest request = new GenerateRequest(parsed.model(), parsed.request(), customer, tags, requestId, null);
        res.header(JunctionHeaders.TASK, parsed.model());
        try {
            GenerateResult result = j.generate(request);
            res.header(JunctionHeaders.MODEL, result.servedModel().toString());
            res.header(JunctionHeaders.FALLBACK, String.valueOf(result.fallback()));
            res.header(JunctionHeaders.ATTEMPTS, String.valueOf(result.attemptCount()));
            if (result.costUsd() != null) res.header(JunctionHeaders.COST_USD, String.format(Locale.ROOT, "%.8f", result.costUsd()));
            if (!result.result().droppedParams().isEmpty()) {
                res.header(JunctionHeaders.DROPPED_PARAMS, String.join(",", result.result().droppedParams()));
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(OpenAiResponseMapper.write(result.result(), "chatcmpl-" + requestId, result.servedModel().toString(),
                    Instant.now().getEpochSecond()));
        } catch (JunctionException e) {
            writeFailure(res, e);
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
    private static void reject(Junction j, ServerResponse res, String requestId, ServerRequestHeaders h, int status,
                               String code, String message, String param) {
        RequestInfo info = new RequestInfo(requestId, null, CallerContext.customer(h, null), CallerContext.tags(h, null),
                false, null, Instant.now());
        j.recordRejected(info, code);
        res.header(JunctionHeaders.SHOULD_RETRY, "false");
        send(res, status, OpenAiErrorWriter.body(status, code, message, param));
    }

    static void send(ServerResponse res, int status, byte[] body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }
}
