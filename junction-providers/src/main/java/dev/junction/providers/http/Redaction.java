package dev.junction.providers.http;

import dev.junction.config.Secret;

/**
 * Makes upstream error text safe for a {@link dev.junction.error.Failure}, a log line or a caller:
 * the provider's configured key is replaced wherever it appears (providers quote a rejected key back,
 * and an exception message may carry a request line), Google API keys ({@code AIza} followed by 35
 * characters) are masked even when they are not the configured one, and the text is cut short.
 * Every occurrence of the exact key becomes {@code ***}, however short the key: a mangled message is
 * better than a leaked key. Plain string scans, no regex: this runs on every failure.
 */
public final class Redaction {
    /** Longest message kept; upstream texts can be kilobytes of HTML. */
    public static final int MAX_MESSAGE = 240;
    /** For a provider configured without a key. */
    public static final Redaction NONE = new Redaction(null);

    private static final String MASK = "***";
    private static final String GOOGLE_KEY_PREFIX = "AIza";
    private static final int GOOGLE_KEY_LENGTH = 39;

    private final Secret key;

    private Redaction(Secret key) { this.key = key; }

    /** A redaction bound to one provider's key; {@link #NONE} when the key is null or empty. */
    public static Redaction of(Secret key) {
        return key == null || key.isEmpty() ? NONE : new Redaction(key);
    }

    /** {@code text} made safe; null stays null. */
    public String apply(String text) { return redact(text, key); }

    /**
     * @param key the provider's configured key, or null when it has none
     */
    public static String redact(String message, Secret key) {
        if (message == null) return null;
        String out = message;
        if (key != null && !key.isEmpty()) out = out.replace(key.reveal(), MASK);
        out = maskGoogleKeys(out);
        return out.length() <= MAX_MESSAGE ? out : out.substring(0, MAX_MESSAGE) + "...";
    }

    private static String maskGoogleKeys(String text) {
        int at = text.indexOf(GOOGLE_KEY_PREFIX);
        if (at < 0) return text;
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        while (at >= 0) {
            int end = at + GOOGLE_KEY_PREFIX.length();
            while (end < text.length() && isKeyChar(text.charAt(end))) end++;
            if (end - at >= GOOGLE_KEY_LENGTH) {
                sb.append(text, from, at).append(GOOGLE_KEY_PREFIX).append(MASK);
                from = end;
            }
            at = text.indexOf(GOOGLE_KEY_PREFIX, end);
        }
        return sb.append(text, from, text.length()).toString();
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
