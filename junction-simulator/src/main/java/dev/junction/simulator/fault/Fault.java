package dev.junction.simulator.fault;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A named misbehaviour of a simulated provider, chosen per request by a script.
 *
 * <p>Two families. {@link ErrorKind}s are provider-neutral error situations: each persona renders
 * them as its own native status, headers and body (reference/providers.md §1.6, §2.6, §3.8), so one
 * test scenario ("rate limited, then ok") runs unchanged against every adapter. The other faults
 * act on the transport or on the stream framing: a delay, a TCP reset, a stall, a cut stream, a
 * malformed event. {@link Raw} gives exact control when no named value fits.
 *
 * <p>Stream-only faults also have a defined effect on a non-streaming request; each record's
 * Javadoc says what it is. "Events" are counted as the persona frames them: OpenAI one
 * {@code data:} line per event (the role chunk counts, {@code [DONE]} counts), Anthropic one
 * {@code event:}+{@code data:} pair (the {@code ping} counts), Gemini one {@code data:} chunk.
 * The terminal event ({@code [DONE]}, {@code message_stop}, the chunk carrying {@code finishReason})
 * is never sent by the faults that cut a stream, whatever {@code n} is.
 */
public sealed interface Fault {

    /**
     * Provider-neutral error situations, each rendered in the persona's native error format. Azure
     * OpenAI renders them as OpenAI does, except a rate limit (429, {@code code: "429"}, no
     * {@code type}, {@code retry-after}), a bad key (401 "Access denied…") and a missing model (404
     * {@code DeploymentNotFound}), reference/providers.md §4.1.
     */
    sealed interface ErrorKind extends Fault
            permits RateLimited, QuotaExhausted, Overloaded, ServerError, ContextTooLong,
                    InvalidRequest, Unauthorized, ModelNotFound, ContentFiltered {}

    /**
     * Rate limited, with a wait hint. OpenAI 429 {@code rate_limit_exceeded} with {@code retry-after},
     * {@code retry-after-ms} and {@code x-ratelimit-*}; Anthropic 429 {@code rate_limit_error} with
     * {@code retry-after} and {@code anthropic-ratelimit-*}; Gemini 429 {@code RESOURCE_EXHAUSTED}
     * with {@code RetryInfo.retryDelay} and a {@code PerMinute} {@code QuotaFailure}.
     */
    record RateLimited(Duration retryAfter) implements ErrorKind {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * Credentials out of money or quota. OpenAI 429 {@code insufficient_quota}; Anthropic 400
     * {@code invalid_request_error} "Your credit balance is too low…"; Gemini 429
     * {@code RESOURCE_EXHAUSTED} with a {@code PerDay} quota violation.
     */
    record QuotaExhausted() implements ErrorKind {}

    /** OpenAI 503 "The engine is currently overloaded…"; Anthropic 529 {@code overloaded_error}; Gemini 503 {@code UNAVAILABLE}. */
    record Overloaded() implements ErrorKind {}

    /** A 5xx with the persona's server-error body (Anthropic 504 is {@code timeout_error}; Gemini maps the status to its rpc code). */
    record ServerError(int status) implements ErrorKind {
        public ServerError {
            if (status < 500 || status > 599) throw new IllegalArgumentException("not a 5xx status: " + status);
        }
    }

    /** OpenAI 400 {@code context_length_exceeded}; Anthropic 400 "prompt is too long: …"; Gemini 400 "The input token count … exceeds …". */
    record ContextTooLong() implements ErrorKind {}

    /** A 400 with the given message: OpenAI {@code invalid_request_error}, Anthropic {@code invalid_request_error}, Gemini {@code INVALID_ARGUMENT}. */
    record InvalidRequest(String message) implements ErrorKind {
        public InvalidRequest {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A bad key: OpenAI 401 {@code invalid_api_key}; Anthropic 401 {@code authentication_error};
     * Gemini 400 {@code INVALID_ARGUMENT} with {@code ErrorInfo.reason: API_KEY_INVALID}. The same
     * reply a request gets without scripting when its key is exactly {@code bad-key}.
     */
    record Unauthorized() implements ErrorKind {}

    /** OpenAI 404 {@code model_not_found}; Anthropic 404 {@code not_found_error}; Gemini 404 {@code NOT_FOUND}. */
    record ModelNotFound() implements ErrorKind {}

    /**
     * A content filter stopped the request. OpenAI: Azure's 400 {@code content_filter} body with
     * {@code innererror}; Anthropic: 400 "Output blocked by content filtering policy"; Gemini: a
     * 200 whose only content is {@code promptFeedback.blockReason: SAFETY}. (For a refusal on a 200
     * with a finish reason, use {@code Step.refusal()}.)
     */
    record ContentFiltered() implements ErrorKind {}

    /** Exactly this status, these headers and this body, for any persona and mode. */
    record Raw(int status, Map<String, String> headers, String body) implements Fault {
        public Raw {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** Waits before the response headers, then gives the step's normal reply. */
    record Delay(Duration duration) implements Fault {
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Closes the socket with a TCP reset (SO_LINGER 0) without writing a single byte of response. */
    record Reset() implements Fault {}

    /** Writes nothing and keeps the connection open until the client or the simulator closes it. */
    record Stall() implements Fault {}

    /**
     * Stream: a malformed event (broken JSON) in the middle, then the rest of the stream as normal,
     * so the reply still completes. Non-stream: 200 {@code application/json} whose body is cut JSON.
     */
    record MalformedBody() implements Fault {}

    /**
     * Stream: sends the first {@code n} events, then closes the socket abruptly (no terminal chunk
     * of the chunked encoding, no protocol terminator). Non-stream: sends the headers with the full
     * {@code Content-Length} and half the body, then closes.
     */
    record DropAfterEvents(int n) implements Fault {
        public DropAfterEvents {
            requireNotNegative(n);
        }
    }

    /**
     * Stream: sends the first {@code n} events, then ends the HTTP body cleanly without the
     * protocol terminator ({@code [DONE]}, {@code message_stop}, a {@code finishReason}).
     * Non-stream: same as {@link DropAfterEvents}.
     */
    record TruncateAfterEvents(int n) implements Fault {
        public TruncateAfterEvents {
            requireNotNegative(n);
        }
    }

    /**
     * Stream: sends the first {@code n} events, then goes silent, keeping the socket open until
     * the client or the simulator closes it. Non-stream: sends the status line and headers, then
     * never the body.
     */
    record StallAfterEvents(int n) implements Fault {
        public StallAfterEvents {
            requireNotNegative(n);
        }
    }

    /**
     * Stream: sends the first {@code n} events, then the persona's in-stream error (OpenAI
     * {@code data: {"error":…}}, Anthropic {@code event: error}, Gemini an {@code {"error":…}} chunk;
     * for {@link ContentFiltered}, Gemini sends a {@code finishReason: SAFETY} chunk), then ends the
     * body cleanly without a terminator. Non-stream: the plain error reply of {@code kind}.
     */
    record ErrorEventAfter(int n, ErrorKind kind) implements Fault {
        public ErrorEventAfter {
            requireNotNegative(n);
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Stream: waits {@code gap} before each event (so a client can cancel mid-stream, or an idle
     * timer can fire). Non-stream: waits {@code gap} once before the headers, like {@link Delay}.
     */
    record SlowEvents(Duration gap) implements Fault {
        public SlowEvents {
            Objects.requireNonNull(gap, "gap");
        }
    }

    static ErrorKind rateLimited(Duration retryAfter) { return new RateLimited(retryAfter); }
    static ErrorKind quotaExhausted() { return new QuotaExhausted(); }
    static ErrorKind overloaded() { return new Overloaded(); }
    static ErrorKind serverError(int status) { return new ServerError(status); }
    static ErrorKind contextTooLong() { return new ContextTooLong(); }
    static ErrorKind invalidRequest(String message) { return new InvalidRequest(message); }
    static ErrorKind unauthorized() { return new Unauthorized(); }
    static ErrorKind modelNotFound() { return new ModelNotFound(); }
    static ErrorKind contentFiltered() { return new ContentFiltered(); }

    static Fault raw(int status, Map<String, String> headers, String body) { return new Raw(status, headers, body); }
    static Fault delay(Duration duration) { return new Delay(duration); }
    static Fault reset() { return new Reset(); }
    static Fault stall() { return new Stall(); }
    static Fault malformedBody() { return new MalformedBody(); }
    static Fault dropAfterEvents(int n) { return new DropAfterEvents(n); }
    static Fault truncateAfterEvents(int n) { return new TruncateAfterEvents(n); }
    static Fault stallAfterEvents(int n) { return new StallAfterEvents(n); }
    static Fault errorEventAfter(int n, ErrorKind kind) { return new ErrorEventAfter(n, kind); }
    static Fault slowEvents(Duration gap) { return new SlowEvents(gap); }

    private static void requireNotNegative(int n) {
        if (n < 0) throw new IllegalArgumentException("event count must be >= 0: " + n);
    }
}
