package dev.junction.providers.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * An upstream request body: the first {@code length} bytes of {@code array}. A mapper's buffer goes to
 * the connection as it is, without the copy {@link ByteArrayOutputStream#toByteArray} makes (for a
 * 20 KB prompt, 20 KB allocated and copied per request for nothing).
 */
public record RequestBytes(byte[] array, int length) {
    public RequestBytes {
        if (length < 0 || length > array.length) throw new IllegalArgumentException("length " + length + " outside the array");
    }

    /** All of {@code bytes}. */
    public static RequestBytes of(byte[] bytes) { return new RequestBytes(bytes, bytes.length); }

    /** The body as an array of its own length (a copy): for tests and diagnostics, not the request path. */
    public byte[] toArray() { return Arrays.copyOf(array, length); }

    /** A {@link ByteArrayOutputStream} whose bytes can be taken without a copy. */
    public static final class Output extends ByteArrayOutputStream {
        public Output(int size) { super(size); }

        /** What was written so far; later writes must not follow. */
        public RequestBytes bytes() { return new RequestBytes(buf, count); }
    }
}
