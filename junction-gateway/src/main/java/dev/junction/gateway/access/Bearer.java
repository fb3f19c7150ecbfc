package dev.junction.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The token of an {@code Authorization: Bearer <token>} header. */
final class Bearer {
    private static final String SCHEME = "bearer ";

    private Bearer() {}

    /** The token, or null when the header is absent or not a Bearer header. */
    static String token(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()) return null;
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return null;
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** Compares in time that does not depend on where the values differ. */
    static boolean sameSecret(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
