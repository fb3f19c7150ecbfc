package dev.junction.state.limits;

/** Whether a request may go on, and if not, what the caller is told. */
public sealed interface Admission {
    Admission ADMITTED = new Admitted();

    record Admitted() implements Admission {}

    /**
     * @param code              {@code rate_limit_exceeded} or {@code budget_exceeded}: the error code and the row's {@code error_class}
     * @param retryAfterSeconds when trying again can succeed
     */
    record Refused(String code, String message, long retryAfterSeconds) implements Admission {}

    static Refused rateLimited(String message, long retryAfterSeconds) {
        return new Refused(CounterNames.RATE_LIMIT_EXCEEDED, message, retryAfterSeconds);
    }

    static Refused overBudget(String message, long retryAfterSeconds) {
        return new Refused(CounterNames.BUDGET_EXCEEDED, message, retryAfterSeconds);
    }
}
