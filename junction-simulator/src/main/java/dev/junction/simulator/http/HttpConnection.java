package dev.junction.simulator.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection, speaking just enough HTTP/1.1 for the simulator: request line, headers,
 * a {@code Content-Length} or chunked body; responses with {@code Content-Length} or chunked, one
 * flush per chunk; keep-alive. Every way of misbehaving the faults need (a reset, a half body, a
 * missing terminal chunk, silence) is a method here, so the personas never touch the socket.
 *
 * <p>Used by one thread at a time: the connection's own virtual thread. {@link #close()} and
 * {@link #reset()} may also be called by the server when the simulator shuts down.
 */
public final class HttpConnection implements Closeable {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 256 * 1024 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;
    private boolean closeAfterResponse;

    HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** The next request, or {@code null} when the client closed the connection between requests. */
    HttpRequest readRequest() throws IOException {
        socket.setSoTimeout(0);
        String requestLine = readLine();
        while (requestLine != null && requestLine.isEmpty()) requestLine = readLine(); // tolerate stray CRLFs
        if (requestLine == null) return null;
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) throw new IOException("bad request line");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IOException("bad header line");
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        closeAfterResponse = "close".equalsIgnoreCase(headers.get("connection")) || "HTTP/1.0".equals(parts[2]);
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = readBody(headers);
        String target = parts[1];
        int q = target.indexOf('?');
        return new HttpRequest(parts[0], target, q < 0 ? target : target.substring(0, q),
                q < 0 ? "" : target.substring(q + 1), Map.copyOf(headers), body);
    }

    boolean closeAfterResponse() {
        return closeAfterResponse;
    }

    /** A complete response with {@code Content-Length}. */
    public void sendFull(int status, Map<String, String> headers, byte[] body) throws IOException {
        writeHead(status, headers, "content-length: " + body.length);
        out.write(body);
        out.flush();
    }

    /** The status line and headers announcing {@code contentLength} bytes, and only {@code part} of the body. */
    public void sendPartial(int status, Map<String, String> headers, long contentLength, byte[] part) throws IOException {
        writeHead(status, headers, "content-length: " + contentLength);
        out.write(part);
        out.flush();
    }

    /** Starts a chunked response; follow with {@link #writeChunk} and {@link #endChunked}. */
    public void startChunked(int status, Map<String, String> headers) throws IOException {
        writeHead(status, headers, "transfer-encoding: chunked");
        out.flush();
    }

    /** Writes one chunk and flushes it, so the client sees each event as it is written. */
    public void writeChunk(byte[] data) throws IOException {
        if (data.length == 0) return; // an empty chunk would end the body
        out.write(Integer.toHexString(data.length).getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
        out.write(data);
        out.write(CRLF);
        out.flush();
    }

    /** The terminal chunk: the body ends cleanly. */
    public void endChunked() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Waits up to {@code duration} while watching the socket; returns {@code true} as soon as the
     * client closes its side (read returns end of stream or the socket fails), {@code false} if
     * the time passed with the client still there.
     */
    public boolean waitWatchingClient(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            long leftMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (leftMs <= 0) return false;
            try {
                socket.setSoTimeout((int) Math.min(leftMs, Integer.MAX_VALUE));
                in.mark(1);
                int b = in.read();
                if (b < 0) return true;
                in.reset(); // the client sent bytes mid-response (pipelining): keep them, just wait
                Thread.sleep(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
                return false;
            } catch (SocketTimeoutException timeout) {
                return false;
            } catch (IOException gone) {
                return true;
            }
        }
    }

    /** Waits until the client closes the connection (or the simulator closes it); never writes. */
    public void waitForClientClose() throws InterruptedException {
        while (!socket.isClosed()) {
            if (waitWatchingClient(Duration.ofHours(1))) return;
        }
    }

    /** Closes with a TCP reset: SO_LINGER 0 discards unsent data and sends RST instead of FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed: nothing left to reset
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the peer sees the connection end either way
        }
    }

    private void writeHead(int status, Map<String, String> headers, String framing) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(StatusReasons.of(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(framing).append("\r\n");
        head.append("connection: ").append(closeAfterResponse ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            long n = Long.parseLong(length.trim());
            if (n < 0 || n > MAX_BODY) throw new IOException("body too large");
            return in.readNBytes((int) n);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) return readChunkedBody();
        return new byte[0];
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new EOFException("chunked body ended early");
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers are not used by any provider API
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) throw new IOException("body too large");
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /** One line without its CRLF or LF, or {@code null} at end of stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        InputStream source = in;
        int b;
        while ((b = source.read()) >= 0) {
            if (b == '\n') break;
            if (line.size() >= MAX_LINE) throw new IOException("line too long");
            line.write(b);
        }
        if (b < 0 && line.size() == 0) return null;
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
