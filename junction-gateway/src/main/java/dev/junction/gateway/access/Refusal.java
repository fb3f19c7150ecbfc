package dev.junction.gateway.access;

/**
 * Why the gateway turns a request away before routing it.
 *
 * @param code              the OpenAI-shaped error's {@code code}, and the usage row's {@code error_class}
 * @param retryAfterSeconds sent as {@code retry-after}; null when waiting would not help
 */
public record Refusal(int status, String code, String message, Long retryAfterSeconds) {
    public static final String INVALID_API_KEY = "invalid_api_key";
    public static final String TASK_NOT_ALLOWED = "task_not_allowed";

    static Refusal invalidKey(String message) { return new Refusal(401, INVALID_API_KEY, message, null); }
}
