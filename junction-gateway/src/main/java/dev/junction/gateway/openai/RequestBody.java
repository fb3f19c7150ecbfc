package dev.junction.gateway.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request body up to a limit; a larger body is refused without reading the rest into memory. */
final class RequestBody {
    private RequestBody() {}

    /** Thrown when the body is over the limit. */
    static final class TooLarge extends Exception {
        TooLarge() { super(null, null, false, false); }
    }

    static byte[] read(InputStream in, long declaredLength, long limit) throws IOException, TooLarge {
        if (declaredLength > limit) throw new TooLarge();
        byte[] buf = new byte[declaredLength > 0 ? (int) declaredLength : (int) Math.min(8192, limit)];
        int n = 0;
        while (true) {
            // with a Content-Length the server ends the entity there: a full buffer is the whole body
            // (growing it to look for more cost two copies of every body). One more read takes the
            // end of the entity, so the server does not drain it again (with a buffer of its own).
            if (n == declaredLength && in.read() < 0) break;
            if (n == declaredLength) throw new IOException("request body longer than its Content-Length");
            if (n == buf.length) {
                if (n >= limit) {
                    if (in.read() < 0) break;
                    throw new TooLarge();
                }
                buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
