package dev.junction.error;

import dev.junction.runner.Attempt;
import java.util.List;

/**
 * What a caller of Junction sees when a request does not produce an answer. Each kind carries the
 * attempts made (possibly none) and the OpenAI-shaped status and code the gateway answers with.
 */
public abstract sealed class JunctionException extends RuntimeException {
    private final List<Attempt> attempts;

    JunctionException(String message, List<Attempt> attempts) {
        super(message, null, false, false);
        this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() { return attempts; }

    /** HTTP status the gateway answers with. */
    public abstract int httpStatus();

    /** The OpenAI-shaped error {@code code}. */
    public abstract String code();

    /** The error class (or gateway cause) written to the ledger's {@code error_class}. */
    public abstract String ledgerCause();

    /** Wait hint for the caller, or null. */
    public java.time.Duration retryAfter() { return null; }

    /** {@code model} is neither a route nor a model id of a configured provider. */
    public static final class UnknownModel extends JunctionException {
        public UnknownModel(String model) {
            super("The model '" + model + "' is neither a configured task route nor a PROVIDER/MODEL id of a configured provider", List.of());
        }
        @Override public int httpStatus() { return 404; }
        @Override public String code() { return "unknown_model"; }
        @Override public String ledgerCause() { return "unknown_model"; }
    }

    /** The caller's request is invalid, as Junction or the upstream found it. */
    public static final class InvalidRequest extends JunctionException {
        private final String param;
        private final String code;

        public InvalidRequest(String message, String param, List<Attempt> attempts) {
            this(message, param, "invalid_request", attempts);
        }

        public InvalidRequest(String message, String param, String code, List<Attempt> attempts) {
            super(message, attempts);
            this.param = param;
            this.code = code;
        }

        public String param() { return param; }
        @Override public int httpStatus() { return 400; }
        @Override public String code() { return code; }
        @Override public String ledgerCause() {
            return code.equals("invalid_request") ? "invalid_request" : code;
        }
    }

    /** Every candidate was filtered out before any call; the message says why for each. */
    public static final class NoCandidate extends JunctionException {
        public NoCandidate(String message, List<Attempt> attempts) { super(message, attempts); }
        @Override public int httpStatus() { return 400; }
        @Override public String code() { return "no_candidate"; }
        @Override public String ledgerCause() { return "no_candidate"; }
    }

    /**
     * Every candidate that was tried failed. The status follows the cause: all rate limited → 429,
     * the route's latency budget spent → 504, anything else → 502.
     */
    public static final class UpstreamFailed extends JunctionException {
        public enum Cause { RATE_LIMITED, DEADLINE, FAILED }

        private final Cause cause;
        private final ErrorClass lastClass;
        private final java.time.Duration retryAfter;

        public UpstreamFailed(Cause cause, ErrorClass lastClass, java.time.Duration retryAfter, String message, List<Attempt> attempts) {
            super(message, attempts);
            this.cause = cause;
            this.lastClass = lastClass;
            this.retryAfter = retryAfter;
        }

        public Cause kind() { return cause; }
        public ErrorClass lastClass() { return lastClass; }
        @Override public java.time.Duration retryAfter() { return retryAfter; }

        @Override public int httpStatus() {
            return switch (cause) {
                case RATE_LIMITED -> 429;
                case DEADLINE -> 504;
                case FAILED -> 502;
            };
        }

        @Override public String code() {
            return switch (cause) {
                case RATE_LIMITED -> "upstream_rate_limited";
                case DEADLINE -> "deadline_exceeded";
                case FAILED -> "upstream_error";
            };
        }

        @Override public String ledgerCause() {
            return cause == Cause.DEADLINE ? "deadline" : lastClass == null ? "upstream_error" : lastClass.wireName();
        }
    }

    /**
     * A stream failed after content had reached the caller: Junction does not switch models mid-answer,
     * so the stream ends with this error (the gateway sends it as a final SSE error event).
     */
    public static final class StreamInterrupted extends JunctionException {
        private final Failure failure;

        public StreamInterrupted(Failure failure, List<Attempt> attempts) {
            super("the stream was interrupted after content was sent: " + failure.errorClass().wireName() + ": " + failure.message(), attempts);
            this.failure = failure;
        }

        public Failure failure() { return failure; }
        @Override public int httpStatus() { return failure.errorClass() == ErrorClass.TIMEOUT ? 504 : 502; }
        @Override public String code() { return failure.errorClass() == ErrorClass.TIMEOUT ? "deadline_exceeded" : "upstream_error"; }
        @Override public String ledgerCause() { return failure.errorClass().wireName(); }
    }

    /** The provider refused the content and the route does not fall back on refusals. */
    public static final class Refused extends JunctionException {
        public Refused(String message, List<Attempt> attempts) { super(message, attempts); }
        @Override public int httpStatus() { return 400; }
        @Override public String code() { return "content_filter"; }
        @Override public String ledgerCause() { return ErrorClass.CONTENT_REFUSED.wireName(); }
    }
}
