package dev.junction.providers.gemini;

import static dev.junction.providers.gemini.GeminiWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.provider.ErrorClassifier;
import dev.junction.providers.http.Redaction;
import java.io.IOException;
import java.math.BigDecimal;
import dev.junction.providers.http.RetryAfter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Gemini's failures, {@code google.rpc.Status} bodies (reference/providers.md §3.8), into a
 * {@link Failure}, in the order of §5.1: credentials, billing, context, then the status. Structured
 * signals first: the HTTP status (or, inside a 200 stream, the body's {@code code} and
 * {@code status}), {@code ErrorInfo.reason}, {@code QuotaFailure} quota ids and values. Message text
 * only where Gemini offers nothing else, each match pinned by a fixture: the context overflow wording,
 * {@code limit: 0} and depleted prepayment credits.
 *
 * <p><b>429.</b> Gemini words every 429 the same ("You exceeded your current quota…"), so §3.9 decides
 * from the details: a {@code PerDay} quota id, a zero quota or depleted credits is
 * {@code quota_exhausted} (the key is dead until a human acts); {@code MODEL_CAPACITY_EXHAUSTED} is
 * {@code overloaded}; {@code PerMinute} ids or no details at all is {@code rate_limited}.
 * {@code RetryInfo.retryDelay} ({@code "47s"}, {@code "55.576865699s"}) becomes the wait hint.
 *
 * <p>A body wrapped in a one-element array ({@code [{"error":…}]}, from the streaming endpoint) is
 * unwrapped. Messages never carry the configured key. Stateless and thread-safe.
 */
public final class GeminiErrorClassifier implements ErrorClassifier {
    private static final String CONTEXT_PHRASE = "input token count";
    private static final String CONTEXT_PHRASE_2 = "exceeds the maximum";
    private static final String ZERO_LIMIT = "limit: 0";
    private static final String PREPAYMENT = "prepayment credits";

    private final Secret key;

    /** @param key the provider's configured key, redacted from every message; null when none */
    public GeminiErrorClassifier(Secret key) { this.key = key; }

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body) {
        Status error = Status.read(body);
        // inside a 200 stream only the body's own code tells what happened
        int effective = status >= 400 ? status : error.code() >= 400 ? error.code() : codeOf(error.status());
        ErrorClass errorClass = decide(status, effective, error);
        Duration retryAfter = error.retryDelay() != null ? error.retryDelay() : RetryAfter.from(headers, java.time.Clock.systemUTC());
        String providerCode = error.reason() != null ? error.reason() : error.status();
        String message = error.message() != null ? error.message() : "HTTP " + status;
        return new Failure(errorClass, status, retryAfter, providerCode, Redaction.redact(message, key));
    }

    @Override
    public Failure classify(IOException e, boolean timedOut) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Failure(timedOut ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION, 0, null, null, Redaction.redact(detail, key));
    }

    private static ErrorClass decide(int httpStatus, int status, Status e) {
        String message = e.message() == null ? "" : e.message().toLowerCase(Locale.ROOT);
        // 1. credentials: Gemini answers a bad API key with 400 INVALID_ARGUMENT and this reason
        if (status == 401 || status == 403 || REASON_API_KEY_INVALID.equals(e.reason())
                || STATUS_UNAUTHENTICATED.equals(e.status()) || STATUS_PERMISSION_DENIED.equals(e.status())) {
            return ErrorClass.AUTHENTICATION;
        }
        // 2. billing: free tier unavailable without billing, daily or zero quotas, no credit left
        if (STATUS_FAILED_PRECONDITION.equals(e.status()) || status == 402) return ErrorClass.QUOTA_EXHAUSTED;
        boolean exhausted = status == 429 || STATUS_RESOURCE_EXHAUSTED.equals(e.status());
        if (exhausted && (e.dailyQuota() || e.zeroQuota() || hasZeroLimit(message) || message.contains(PREPAYMENT))) {
            return ErrorClass.QUOTA_EXHAUSTED;
        }
        // 3. context: another model with a larger window may succeed
        if (message.contains(CONTEXT_PHRASE) && message.contains(CONTEXT_PHRASE_2)) return ErrorClass.CONTEXT_TOO_LONG;
        // 4. the status decides
        if (status == 404 || STATUS_NOT_FOUND.equals(e.status())) return ErrorClass.MODEL_NOT_FOUND;
        if (exhausted) return REASON_MODEL_CAPACITY_EXHAUSTED.equals(e.reason()) ? ErrorClass.OVERLOADED : ErrorClass.RATE_LIMITED;
        if (status == 503) return ErrorClass.OVERLOADED;
        if (status == 504 || status == 408) return ErrorClass.TIMEOUT;
        // CANCELLED that the caller did not cause: the connection went away under the request
        if (status == 499) return ErrorClass.CONNECTION;
        if (status >= 500) return ErrorClass.SERVER_ERROR;
        if (status >= 400) return ErrorClass.INVALID_REQUEST;
        // an error chunk inside a 200 stream with no code or status Junction knows
        if (httpStatus >= 200 && httpStatus < 300) return ErrorClass.SERVER_ERROR;
        return ErrorClass.UNKNOWN;
    }

    /** The HTTP status Google maps a {@code google.rpc.Code} name to; 0 when unknown or absent. */
    private static int codeOf(String status) {
        if (status == null) return 0;
        return switch (status) {
            case STATUS_INVALID_ARGUMENT, STATUS_FAILED_PRECONDITION -> 400;
            case STATUS_UNAUTHENTICATED -> 401;
            case STATUS_PERMISSION_DENIED -> 403;
            case STATUS_NOT_FOUND -> 404;
            case STATUS_RESOURCE_EXHAUSTED -> 429;
            case STATUS_CANCELLED -> 499;
            case STATUS_INTERNAL -> 500;
            case STATUS_UNAVAILABLE -> 503;
            case STATUS_DEADLINE_EXCEEDED -> 504;
            default -> 0;
        };
    }

    /** "limit: 0" as a whole number (not "limit: 05" or "limit: 0.5"): the model is not on this tier. */
    private static boolean hasZeroLimit(String message) {
        int at = message.indexOf(ZERO_LIMIT);
        while (at >= 0) {
            int next = at + ZERO_LIMIT.length();
            if (next == message.length() || (!Character.isDigit(message.charAt(next)) && message.charAt(next) != '.')) return true;
            at = message.indexOf(ZERO_LIMIT, next);
        }
        return false;
    }

    /** A protobuf duration as JSON writes it: decimal seconds with an {@code s}. Null when malformed. */
    static Duration parseDelay(String text) {
        if (text == null || text.length() < 2 || !text.endsWith("s")) return null;
        try {
            BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
            if (seconds.signum() < 0) return null;
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException malformed) {
            return null;
        }
    }

    /** The parts of a {@code google.rpc.Status} the classifier reads; any may be null or empty. */
    private record Status(int code, String status, String message, String reason, List<String> quotaIds,
                          boolean zeroQuota, Duration retryDelay) {
        static final Status EMPTY = new Status(0, null, null, null, List.of(), false, null);

        boolean dailyQuota() {
            for (String id : quotaIds) if (id.contains("PerDay")) return true;
            return false;
        }

        static Status read(byte[] body) {
            if (body == null || body.length == 0) return EMPTY;
            JsonNode root;
            try {
                root = GeminiRequestMapper.TREE.readTree(body);
            } catch (IOException notJson) {
                return EMPTY;
            }
            // the streaming endpoint may wrap the status in a one-element array
            if (root != null && root.isArray() && root.size() == 1) root = root.get(0);
            if (root == null || !root.isObject()) return EMPTY;
            JsonNode e = root.get(ERROR);
            if (e == null || !e.isObject()) return EMPTY;
            String reason = null;
            List<String> quotaIds = new ArrayList<>();
            boolean zeroQuota = false;
            Duration delay = null;
            for (JsonNode d : e.path(ERROR_DETAILS)) {
                String type = d.path(DETAIL_TYPE).asText("");
                switch (type) {
                    case TYPE_ERROR_INFO -> reason = text(d, REASON);
                    case TYPE_QUOTA_FAILURE -> {
                        for (JsonNode v : d.path(VIOLATIONS)) {
                            String id = text(v, QUOTA_ID);
                            if (id != null) quotaIds.add(id);
                            zeroQuota |= "0".equals(text(v, QUOTA_VALUE));
                        }
                    }
                    case TYPE_RETRY_INFO -> delay = parseDelay(text(d, RETRY_DELAY));
                    default -> { }
                }
            }
            JsonNode code = e.get(ERROR_CODE);
            return new Status(code != null && code.canConvertToInt() ? code.intValue() : 0, text(e, ERROR_STATUS),
                    text(e, ERROR_MESSAGE), reason, quotaIds, zeroQuota, delay);
        }

        private static String text(JsonNode obj, String field) {
            JsonNode n = obj.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }
}
