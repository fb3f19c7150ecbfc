package dev.junction.provider;

import dev.junction.model.ChatResult;

/**
 * Speaks one wire format to one configured provider. Implementations are thread-safe and shared by
 * every request; each call runs on the caller's (virtual) thread and blocks until done.
 */
public interface ProviderAdapter extends AutoCloseable {

    /** The config's {@code api:} value this adapter speaks. */
    String api();

    /**
     * Sends a non-streaming request.
     *
     * @throws dev.junction.error.ProviderException for every failure, already classified
     */
    ChatResult complete(ProviderCall call);

    /**
     * Opens a stream. Failures before the upstream accepted the request are thrown here; later ones
     * from {@link ProviderStream#next()}.
     */
    ProviderStream stream(ProviderCall call);

    /** Releases pooled connections. */
    @Override default void close() {}
}
