package dev.junction.ledger.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway key material: new keys from a {@link SecureRandom}, and the SHA-256 that is all the store keeps.
 * A key has 256 random bits, so a fast unsalted hash is enough: there is nothing to guess.
 */
public final class KeyHash {
    /** Every gateway key starts with this, so leaked keys are easy to scan for. */
    public static final String PREFIX = "jk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cloned per hash: a clone is a copy of a few words, a provider lookup ({@code getInstance}) is not. */
    private static final MessageDigest SHA_256 = sha256Digest();
    private static final HexFormat HEX = HexFormat.of();

    private KeyHash() {}

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "key_" + HEX.formatHex(bytes);
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String sha256(String key) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256Digest(); // a provider whose digests cannot be cloned
        }
        return HEX.formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares a presented key with a stored hash in time that does not depend on where they differ. */
    public static boolean matches(String storedHash, String presentedKey) {
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                sha256(presentedKey).getBytes(StandardCharsets.US_ASCII));
    }
}
