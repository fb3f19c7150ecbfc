package dev.junction.state;

/** The shared state store did not answer; the message names the store, never its credentials. */
public final class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) { super(message, cause); }
}
