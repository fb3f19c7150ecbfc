package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.provider.ErrorClassifier;
import java.io.IOException;
import dev.junction.providers.http.RetryAfter;
import java.time.Duration;
import java.time.InstantSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the failures of OpenAI and the OpenAI-compatible vendors (reference/providers.md §1.6, §4) into
 * a {@link Failure}, following the classification order of §5.1: credentials, billing, context,
 * refusal, then the status. Structured signals first (status, {@code type}, {@code code},
 * {@code innererror.code}); message text only where a vendor offers nothing else, each such match
 * pinned by a fixture. Both error bodies are read: {@code {"error":{...}}} and vLLM's older flat
 * {@code {"object":"error",...}}, whose {@code code} may be the integer status.
 *
 * <p>Stateless and thread-safe. The clock only turns an HTTP-date {@code retry-after} into a wait.
 */
public final class OpenAiErrorClassifier implements ErrorClassifier {
    private static final Set<String> CREDENTIAL_CODES = Set.of("invalid_api_key", "InvalidApiKey", "AccessDenied", "access_denied");
    private static final Set<String> BILLING_CODES = Set.of("insufficient_quota", "credit_balance_exhausted",
            "organization_spend_limit_exceeded", "project_spend_limit_exceeded", "billing_hard_limit_reached",
            "Arrearage", "Throttling.AllocationQuota");
    private static final Set<String> REFUSAL_CODES = Set.of("content_filter", "data_inspection_failed", "ResponsibleAIPolicyViolation");
    private static final Set<String> MODEL_CODES = Set.of("model_not_found", "DeploymentNotFound", "ModelNotFound");
    private static final Set<String> RATE_CODES = Set.of("rate_limit_exceeded", "Throttling", "Throttling.RateQuota", "requests", "tokens");
    private static final Set<String> OVERLOAD_CODES = Set.of("capacity_exceeded", "overloaded", "server_overloaded", "ServiceUnavailable");
    /** Context overflow as the vendors word it when they give no code (DeepSeek, vLLM, Qwen, Together). */
    private static final List<String> CONTEXT_PHRASES = List.of("maximum context length", "range of input length",
            "context limit", "prompt is too long", "input token count", "context length");
    private static final Pattern SECRET = Pattern.compile("(sk-|gsk_)[A-Za-z0-9_\\-*.]{4,}");
    private static final int MAX_MESSAGE = 240;

    private final InstantSource clock;

    public OpenAiErrorClassifier() { this(InstantSource.system()); }

    public OpenAiErrorClassifier(InstantSource clock) { this.clock = clock; }

    @Override
    public Failure classify(int status, Map<String, List<String>> headers, byte[] body) {
        ErrorBody error = ErrorBody.read(body);
        // vLLM reports an in-stream failure with the HTTP status it would have sent as an integer code
        int effectiveStatus = status < 400 && error.numericCode() >= 400 ? error.numericCode() : status;
        ErrorClass errorClass = decide(effectiveStatus, error);
        String providerCode = error.code() != null ? error.code() : error.type();
        String message = error.message() != null ? error.message() : "HTTP " + status;
        Duration wait = RetryAfter.from(headers, clock);
        if (wait == null && errorClass == ErrorClass.RATE_LIMITED) wait = RateLimitReset.from(headers);
        return new Failure(errorClass, status, wait, providerCode, redact(message));
    }

    @Override
    public Failure classify(IOException e, boolean timedOut) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Failure(timedOut ? ErrorClass.TIMEOUT : ErrorClass.CONNECTION, 0, null, null, redact(detail));
    }

    private static ErrorClass decide(int status, ErrorBody e) {
        String message = e.message() == null ? "" : e.message().toLowerCase(Locale.ROOT);
        boolean contextWording = containsAny(message, CONTEXT_PHRASES);
        // 1. credentials: a 403 is a permission problem except Together's context overflow
        if (status == 401 || (status == 403 && !contextWording) || e.hasCode(CREDENTIAL_CODES)) return ErrorClass.AUTHENTICATION;
        // 2. billing: the key works but has nothing left to spend
        if (status == 402 || e.hasCode(BILLING_CODES)) return ErrorClass.QUOTA_EXHAUSTED;
        // 3. context: another model with a larger window may succeed
        if (e.hasCode(Set.of("context_length_exceeded")) || contextWording) return ErrorClass.CONTEXT_TOO_LONG;
        // 4. refusal: the content itself was rejected
        if (e.hasCode(REFUSAL_CODES)) return ErrorClass.CONTENT_REFUSED;
        // 5. the status decides
        if (status == 404 || e.hasCode(MODEL_CODES)) return ErrorClass.MODEL_NOT_FOUND;
        if (status == 429) return ErrorClass.RATE_LIMITED;
        if (status == 503 && message.contains("slow down")) return ErrorClass.RATE_LIMITED;
        if (status == 503 || status == 529 || status == 498 || e.hasCode(OVERLOAD_CODES)) return ErrorClass.OVERLOADED;
        if (status == 408 || status == 504) return ErrorClass.TIMEOUT;
        if (status >= 500) return ErrorClass.SERVER_ERROR;
        if (status >= 400) return ErrorClass.INVALID_REQUEST;
        // an error payload inside a 200 stream (§5.2): only the body tells
        if (status >= 200 && status < 300) return inStream(e);
        return ErrorClass.UNKNOWN;
    }

    private static ErrorClass inStream(ErrorBody e) {
        if (e.hasCode(RATE_CODES)) return ErrorClass.RATE_LIMITED;
        if (e.hasCode(Set.of("invalid_request_error"))) return ErrorClass.INVALID_REQUEST;
        return ErrorClass.SERVER_ERROR;
    }

    private static boolean containsAny(String text, List<String> phrases) {
        for (String p : phrases) if (text.contains(p)) return true;
        return false;
    }

    /** Short, and never a key: upstream messages quote the rejected key ("Incorrect API key provided: sk-…"). */
    static String redact(String message) {
        String redacted = SECRET.matcher(message).replaceAll("$1***");
        return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "...";
    }

    /** The parts of an error body the classifier reads; any may be null. */
    private record ErrorBody(String message, String type, String code, int numericCode, String innerCode) {
        static final ErrorBody EMPTY = new ErrorBody(null, null, null, 0, null);

        boolean hasCode(Set<String> codes) {
            return (code != null && codes.contains(code)) || (type != null && codes.contains(type))
                    || (innerCode != null && codes.contains(innerCode));
        }

        static ErrorBody read(byte[] body) {
            if (body == null || body.length == 0) return EMPTY;
            JsonNode root;
            try {
                root = OpenAiRequestMapper.TREE.readTree(body);
            } catch (IOException notJson) {
                return EMPTY;
            }
            if (root == null || !root.isObject()) return EMPTY;
            JsonNode error = root.get(ERROR);
            if (error != null && error.isTextual()) return new ErrorBody(error.asText(), null, null, 0, null);
            // vLLM's older flat body carries the fields at the top level
            JsonNode e = error != null && error.isObject() ? error : root;
            JsonNode code = e.get(ERROR_CODE);
            int numeric = code != null && code.isIntegralNumber() ? code.intValue() : 0;
            String codeText = code == null || code.isNull() ? null : code.asText();
            if (codeText != null && numeric == 0 && isDigits(codeText)) numeric = Integer.parseInt(codeText);
            JsonNode inner = e.get(INNER_ERROR);
            return new ErrorBody(text(e, ERROR_MESSAGE), text(e, ERROR_TYPE), codeText, numeric,
                    inner == null ? null : text(inner, ERROR_CODE));
        }

        private static boolean isDigits(String s) {
            if (s.isEmpty() || s.length() > 3) return false;
            for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
            return true;
        }

        private static String text(JsonNode obj, String field) {
            JsonNode n = obj.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }
}
