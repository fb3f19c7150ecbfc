package dev.junction.providers.gemini;

import java.util.random.RandomGenerator;

/**
 * The tool-call ids Junction hands out for Gemini's function calls, and how a caller's ids are read
 * back (reference/providers.md §3.3, §3.10).
 *
 * <p><b>Why ids carry signatures.</b> Gemini attaches an opaque {@code thoughtSignature} to the first
 * {@code functionCall} part of a step, and Gemini 3 rejects a later request whose history lacks it.
 * OpenAI-shaped callers echo only {@code tool_calls[].id}, {@code name} and {@code arguments}, so the
 * signature travels inside the id: {@code <base>~ts~<signature>}, the signature verbatim (it is
 * base64, which never contains {@code ~}). Nothing is kept in memory, so this works across restarts
 * and replicas. The cost is a long id: a caller that later sends this history to a provider with an
 * id length limit needs that provider's mapper to shorten it.
 *
 * <p>{@code base} is Gemini's own {@code functionCall.id} when it sent one, else {@code call_} and 24
 * random alphanumerics. When the id comes back, the base is sent as {@code functionCall.id} and
 * {@code functionResponse.id}; ids from other providers pass through the same way.
 *
 * <p>Thread-safe when the random generator is (the default, {@link java.util.Random}, is).
 */
final class GeminiToolCallIds {
    static final String SIGNATURE_SEPARATOR = "~ts~";
    private static final String PREFIX = "call_";
    private static final int RANDOM_LENGTH = 24;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    GeminiToolCallIds(RandomGenerator random) { this.random = random; }

    /** A caller's tool-call id split back into what Gemini sent: the id and the signature (or null). */
    record Decoded(String id, String signature) {}

    /**
     * The id to hand out for one function call.
     *
     * @param geminiId  {@code functionCall.id}, or null when Gemini sent none
     * @param signature the part's {@code thoughtSignature}, or null
     */
    String encode(String geminiId, String signature) {
        String base = geminiId != null && !geminiId.isEmpty() ? geminiId : synthesize();
        return signature == null || signature.isEmpty() ? base : base + SIGNATURE_SEPARATOR + signature;
    }

    static Decoded decode(String id) {
        int at = id.lastIndexOf(SIGNATURE_SEPARATOR);
        if (at < 0) return new Decoded(id, null);
        String signature = id.substring(at + SIGNATURE_SEPARATOR.length());
        return new Decoded(id.substring(0, at), signature.isEmpty() ? null : signature);
    }

    private String synthesize() {
        StringBuilder sb = new StringBuilder(PREFIX.length() + RANDOM_LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
