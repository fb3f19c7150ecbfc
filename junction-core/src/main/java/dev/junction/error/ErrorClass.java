package dev.junction.error;

import java.util.Locale;

/**
 * The closed vocabulary of upstream failures (reference/providers.md §5). Every provider's error is
 * classified into exactly one of these, once, by that provider's {@code ErrorClassifier}; from then on
 * control flow reads only the class. Each constant says what the fallback runner does with it.
 */
public enum ErrorClass {
    /** Too many requests for now. Retry the same model only when the route sets retries; fall back. */
    RATE_LIMITED,
    /** Credit, billing or quota used up: the credentials are dead until a human acts. Skip every candidate on the same provider key; fall back elsewhere. */
    QUOTA_EXHAUSTED,
    /** The provider is overloaded for everyone. Retry only with route retries; fall back. */
    OVERLOADED,
    /** No answer before the attempt's deadline. Fall back while budget remains. */
    TIMEOUT,
    /** The connection failed, was reset, or a stream ended before its terminator. Fall back (before content only). */
    CONNECTION,
    /** 5xx. Fall back. */
    SERVER_ERROR,
    /** The prompt does not fit this model's window. Fall back only to a candidate with a larger window. */
    CONTEXT_TOO_LONG,
    /** The provider refused the content. Returned to the caller unless the route sets fallbackOnRefusal. */
    CONTENT_REFUSED,
    /** The caller's request is invalid. Returned at once, never retried elsewhere. */
    INVALID_REQUEST,
    /** Key rejected or lacks permission. Skip the provider key's other candidates; fall back elsewhere. */
    AUTHENTICATION,
    /** The provider does not know the model (a config error). Fall back. */
    MODEL_NOT_FOUND,
    /** Nothing matched; the runner treats it as server_error when the status was 5xx, else invalid_request. */
    UNKNOWN;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case id used by config ({@code fallbackOn}), the ledger and metrics. */
    public String wireName() { return wireName; }

    /** Moving to the next candidate is safe: the failure says nothing about the caller's request. */
    public boolean fallbackSafe() {
        return switch (this) {
            case RATE_LIMITED, QUOTA_EXHAUSTED, OVERLOADED, TIMEOUT, CONNECTION, SERVER_ERROR,
                 AUTHENTICATION, MODEL_NOT_FOUND -> true;
            case CONTEXT_TOO_LONG, CONTENT_REFUSED, INVALID_REQUEST, UNKNOWN -> false;
        };
    }

    /** The caller's own mistake: no other model would do better. */
    public boolean callerFault() { return this == INVALID_REQUEST; }

    /** The failure belongs to the provider's credentials, so every candidate using them will fail too. */
    public boolean credentialScoped() { return this == AUTHENTICATION || this == QUOTA_EXHAUSTED; }

    /** A same-model retry could succeed (transient failures only). */
    public boolean transientFailure() {
        return switch (this) {
            case RATE_LIMITED, OVERLOADED, TIMEOUT, CONNECTION, SERVER_ERROR -> true;
            default -> false;
        };
    }

    public static ErrorClass fromWireName(String name) {
        for (ErrorClass c : values()) {
            if (c.wireName.equals(name)) return c;
        }
        throw new IllegalArgumentException("unknown error class '" + name + "'");
    }
}
