package dev.junction.providers.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one upstream answer, de-framed (Content-Length, chunked, or to the end of the
 * connection). Reads hand on what has arrived without waiting for more, so stream events pass
 * through one by one. When the body has been read to its end, {@link #atEnd()} is true and the
 * connection is clean for the next request.
 */
final class ResponseBody extends InputStream {
    private final UpstreamConnection connection;
    private final boolean chunked;
    /** Bytes left in the current chunk or, unchunked, in the body; -1 for a body that runs to the end of the connection. */
    private long remaining;
    private boolean atEnd;

    ResponseBody(UpstreamConnection connection, ResponseHead head) {
        this.connection = connection;
        this.chunked = head.chunked();
        this.remaining = chunked ? 0 : head.contentLength();
        this.atEnd = !chunked && remaining == 0;
    }

    boolean atEnd() { return atEnd; }

    @Override public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (atEnd) return -1;
        if (chunked && remaining == 0 && !nextChunk()) return -1;
        int want = remaining < 0 ? len : (int) Math.min(len, remaining);
        int n = connection.readSome(b, off, want);
        if (n < 0) {
            if (remaining < 0) {
                atEnd = true;
                return -1;
            }
            throw new EOFException("the upstream closed the connection before the end of the body");
        }
        if (remaining > 0) {
            remaining -= n;
            if (remaining == 0 && !chunked) atEnd = true;
        }
        return n;
    }

    /** Starts the next chunk; false (and at end) after the last chunk and its trailers. */
    private boolean nextChunk() throws IOException {
        String line = connection.readFramingLine();
        if (line.isEmpty()) line = connection.readFramingLine(); // the CRLF closing the previous chunk
        int semicolon = line.indexOf(';');
        String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size from the upstream");
        }
        if (size < 0) throw new IOException("bad chunk size from the upstream");
        if (size == 0) {
            while (!connection.readFramingLine().isEmpty()) {
                // trailers: nothing Junction uses
            }
            atEnd = true;
            return false;
        }
        remaining = size;
        return true;
    }

    /** Reads what is left, up to {@code limit} bytes. */
    byte[] readAll(int limit) throws IOException {
        byte[] out = new byte[remaining > 0 && !chunked ? (int) Math.min(remaining, limit) : 1024];
        int n = 0;
        while (!atEnd) {
            if (n == out.length) {
                if (out.length >= limit) throw new IOException("upstream response body larger than " + limit + " bytes");
                out = java.util.Arrays.copyOf(out, (int) Math.min((long) out.length * 2, limit));
            }
            int r = read(out, n, out.length - n);
            if (r < 0) break;
            n += r;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
