package dev.junction.providers.anthropic;

import static dev.junction.providers.anthropic.AnthropicWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.provider.ErrorClassifier;
import dev.junction.providers.http.Redaction;
import java.io.IOException;
import dev.junction.providers.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Anthropic's failures (reference/providers.md §2.6, §5) into a {@link Failure}, in the order of
 * §5.1: credentials, billing, context, then the error {@code type}, then the status. The body is
 * {@code {"type":"error","error":{"type","message"},"request_id"}}; the {@code type} set grows over
 * time, so an unknown one falls through to the status. Message text is read only where Anthropic
 * gives no type of its own: credit exhaustion and spend limits (a 400 {@code invalid_request_error})
 * and the two context-overflow wordings; each match has a fixture.
 *
 * <p>The same rules read an {@code event: error} inside a 200 stream (§5.2): there the type decides,
 * and an unknown one is a {@code server_error}.
 *
 * <p>Every message is shortened and has the configured key removed ({@link Redaction}). Stateless
 * and thread-safe; the clock only turns an HTTP-date {@code retry-after} or an RFC 3339 rate-limit
 * reset into a wait.
 */
public final class AnthropicErrorClassifier implements ErrorClassifier {
    private static final List<String> BILLING_PHRASES = List.of("credit balance is too low", "usage limits");
    private static final List<String> CONTEXT_PHRASES = List.of("prompt is too long", "exceed context limit");
    private static final int MAX_MESSAGE = 240;

    private final Redaction redaction;
    private final InstantSource clock;

    public AnthropicErrorClassifier(Redaction redaction) { this(redaction, InstantSource.system()); }

    public AnthropicErrorClassifier(Redaction redaction, InstantSource clock) {
        this.redaction = redaction;
        this.clock = clock;
    }

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body) {
        ErrorBody error = ErrorBody.read(body);
        ErrorClass errorClass = decide(status, error);
        String message = error.message() != null ? error.message() : "HTTP " + status;
        Duration wait = RetryAfter.from(headers, clock);
        if (wait == null && status == 429) wait = rateLimitReset(headers);
        return new Failure(errorClass, status, wait, error.type(), shorten(redaction.apply(message)));
    }

    @Override
    public Failure classify(IOException e, boolean timedOut) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Failure(timedOut ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION, 0, null, null, shorten(redaction.apply(detail)));
    }

    private static ErrorClass decide(int status, ErrorBody e) {
        String type = e.type() == null ? "" : e.type();
        String message = e.message() == null ? "" : e.message().toLowerCase(Locale.ROOT);
        // 1. credentials: the key is bad or lacks permission; other keys may work
        if (status == 401 || status == 403 || type.equals(ERR_AUTHENTICATION) || type.equals(ERR_PERMISSION)) {
            return ErrorClass.AUTHENTICATION;
        }
        // 2. billing: the key works but has nothing left to spend (Anthropic also says so in a 400)
        if (status == 402 || type.equals(ERR_BILLING)) return ErrorClass.QUOTA_EXHAUSTED;
        if (type.equals(ERR_INVALID_REQUEST) && containsAny(message, BILLING_PHRASES)) return ErrorClass.QUOTA_EXHAUSTED;
        // 3. context: a model with a larger window may succeed (413 is the byte limit, mapped alike)
        if (status == 413 || type.equals(ERR_REQUEST_TOO_LARGE) || containsAny(message, CONTEXT_PHRASES)) {
            return ErrorClass.CONTEXT_TOO_LONG;
        }
        // 4. Anthropic's own error type, when it is one we know
        ErrorClass byType = switch (type) {
            case ERR_NOT_FOUND -> ErrorClass.MODEL_NOT_FOUND;
            case ERR_RATE_LIMIT -> ErrorClass.RATE_LIMITED;
            case ERR_OVERLOADED -> ErrorClass.OVERLOADED;
            case ERR_TIMEOUT -> ErrorClass.TIMEOUT;
            case ERR_API -> ErrorClass.SERVER_ERROR;
            case ERR_INVALID_REQUEST -> ErrorClass.INVALID_REQUEST;
            default -> null;
        };
        if (byType != null) return byType;
        // 5. the status decides
        if (status == 404) return ErrorClass.MODEL_NOT_FOUND;
        if (status == 429) return ErrorClass.RATE_LIMITED;
        if (status == 529) return ErrorClass.OVERLOADED;
        if (status == 408 || status == 504) return ErrorClass.TIMEOUT;
        if (status >= 500) return ErrorClass.SERVER_ERROR;
        if (status >= 400) return ErrorClass.INVALID_REQUEST;
        // an error event inside a 200 stream with a type we do not know: the upstream failed
        if (status >= 200 && status < 300) return ErrorClass.SERVER_ERROR;
        return ErrorClass.UNKNOWN;
    }

    /**
     * Without {@code retry-after}, a 429 still says when it ends: the latest RFC 3339 reset among the
     * {@code anthropic-ratelimit-*} limits that are used up (§2.7).
     */
    private Duration rateLimitReset(Map<String, List<String>> headers) {
        Duration longest = null;
        for (String kind : RATELIMIT_KINDS) {
            String remaining = RetryAfter.first(headers, HEADER_RATELIMIT_PREFIX + kind + RATELIMIT_REMAINING);
            String reset = RetryAfter.first(headers, HEADER_RATELIMIT_PREFIX + kind + RATELIMIT_RESET);
            if (reset == null || !"0".equals(remaining == null ? null : remaining.trim())) continue;
            try {
                Duration wait = RetryAfter.until(Instant.parse(reset.trim()), clock);
                if (longest == null || wait.compareTo(longest) > 0) longest = wait;
            } catch (DateTimeParseException ignored) {
                // an unreadable reset is no hint
            }
        }
        return longest;
    }

    private static boolean containsAny(String text, List<String> phrases) {
        for (String p : phrases) if (text.contains(p)) return true;
        return false;
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    /** The parts of an error body the classifier reads; either may be null. */
    private record ErrorBody(String type, String message) {
        static final ErrorBody EMPTY = new ErrorBody(null, null);

        static ErrorBody read(byte[] body) {
            if (body == null || body.length == 0) return EMPTY;
            JsonNode root;
            try {
                root = AnthropicRequestMapper.TREE.readTree(body);
            } catch (IOException notJson) {
                return EMPTY;                   // a CDN's HTML page: the status decides
            }
            if (root == null || !root.isObject()) return EMPTY;
            JsonNode error = root.get(ERROR);
            if (error == null || !error.isObject()) return EMPTY;
            return new ErrorBody(text(error, ERROR_TYPE), text(error, ERROR_MESSAGE));
        }

        private static String text(JsonNode obj, String field) {
            JsonNode n = obj.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }
}
