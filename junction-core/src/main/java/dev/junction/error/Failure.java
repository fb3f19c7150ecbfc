package dev.junction.error;

import java.time.Duration;
import java.util.Objects;

/**
 * One classified upstream failure.
 *
 * @param httpStatus   the upstream status, or 0 when there was no HTTP response
 * @param retryAfter   the provider's wait hint, or null
 * @param providerCode the provider's own error type or code ({@code rate_limit_exceeded}), or null
 * @param message      a short message safe to show and log: never a key, never prompt text
 */
public record Failure(ErrorClass errorClass, int httpStatus, Duration retryAfter, String providerCode, String message) {
    public Failure {
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null ? errorClass.wireName() : message;
    }

    /** This failure with every occurrence of {@code secret} in its message replaced by {@code ***}. */
    public Failure redact(dev.junction.config.Secret secret) {
        if (secret == null || secret.isEmpty() || !message.contains(secret.reveal())) return this;
        return new Failure(errorClass, httpStatus, retryAfter, providerCode, message.replace(secret.reveal(), "***"));
    }

    public static Failure of(ErrorClass errorClass, String message) {
        return new Failure(errorClass, 0, null, null, message);
    }

    /**
     * The class the policy acts on: {@code unknown} reads as {@code server_error} for a 5xx and as
     * {@code invalid_request} otherwise (reference/providers.md §5).
     */
    public ErrorClass effectiveClass() {
        if (errorClass != ErrorClass.UNKNOWN) return errorClass;
        return httpStatus >= 500 ? ErrorClass.SERVER_ERROR : ErrorClass.INVALID_REQUEST;
    }
}
