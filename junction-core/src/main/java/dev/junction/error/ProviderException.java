package dev.junction.error;

/** The only exception a provider adapter throws: one classified {@link Failure}. */
public final class ProviderException extends RuntimeException {
    private final Failure failure;

    public ProviderException(Failure failure) {
        super(failure.errorClass().wireName() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public ProviderException(Failure failure, Throwable cause) {
        super(failure.errorClass().wireName() + ": " + failure.message(), cause, false, false);
        this.failure = failure;
    }

    public Failure failure() { return failure; }
}
