package dev.junction.providers.http;

import java.io.InterruptedIOException;

/** The attempt's time ran out before the upstream answered (or before its stream's first event). */
public final class UpstreamTimeoutException extends InterruptedIOException {
    public UpstreamTimeoutException(String message) { super(message); }
}
