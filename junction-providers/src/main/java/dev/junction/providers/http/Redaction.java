package dev.junction.providers.http;

import dev.junction.config.Secret;

/**
 * Makes an upstream's error text safe for a {@link dev.junction.error.Failure}: the configured key is
 * replaced wherever it appears (providers quote a rejected key back), Google API keys ({@code AIza}
 * followed by 35 characters) are masked even when they are not the configured one, and the text is
 * cut short. Plain string scans, no regex: this runs on every failure.
 */
public final class Redaction {
    /** Longest message kept; upstream texts can be kilobytes of HTML. */
    public static final int MAX_MESSAGE = 240;
    private static final String MASK = "***";
    private static final String GOOGLE_KEY_PREFIX = "AIza";
    private static final int GOOGLE_KEY_LENGTH = 39;

    private Redaction() {}

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
