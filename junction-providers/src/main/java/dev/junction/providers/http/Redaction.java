package dev.junction.providers.http;

import dev.junction.config.Secret;

/**
 * Removes one provider's configured key from text that leaves the adapter (a {@code Failure}
 * message, a log line). Upstreams and proxies sometimes quote the key they rejected, and an
 * exception message may carry a request line; neither may reach a log, the ledger or a caller.
 *
 * <p>Every occurrence of the exact key value becomes {@code ***}, however short the key: a mangled
 * message is better than a leaked key. Thread-safe and immutable; one per configured provider.
 */
public final class Redaction {
    /** For a provider configured without a key: nothing to remove. */
    public static final Redaction NONE = new Redaction(null);

    private static final String MASK = "***";

    private final String secret;

    private Redaction(String secret) { this.secret = secret; }

    /** Redacts {@code key}'s value; {@link #NONE} when the key is null or empty. */
    public static Redaction of(Secret key) {
        return key == null || key.isEmpty() ? NONE : new Redaction(key.reveal());
    }

    /** {@code text} without the key; null stays null. */
    public String apply(String text) {
        if (text == null || secret == null || !text.contains(secret)) return text;
        return text.replace(secret, MASK);
    }
}
