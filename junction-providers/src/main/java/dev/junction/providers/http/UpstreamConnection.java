package dev.junction.providers.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to a provider: a blocking socket (TLS for {@code https}) with its own read
 * buffer, from which the response head is parsed and the body handed out by {@link ResponseBody}.
 * Used by one call at a time; {@link #close()} may come from any thread and makes a blocked read or
 * write fail at once (that is how deadlines and cancels cut a call).
 */
final class UpstreamConnection implements AutoCloseable {
    private static final int BUFFER = 8 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    /** The largest request assembled in the connection's own buffer; larger ones get a buffer of their own. */
    static final int KEPT_WRITE = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private byte[] writeBuf; // made at the first request, kept while the connection is pooled
    private int pos;
    private int lim;
    private volatile boolean closed;
    long idleSince;
    private Runnable beforeBlockingRead;
    /** Whether any byte of the answer to the last request written has arrived. */
    private boolean answered;

    private UpstreamConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects (and shakes hands, for TLS); the socket is attached to {@code scope} first, so a deadline cuts a slow connect too. */
    static UpstreamConnection open(URI uri, Duration connectTimeout, CallScope scope) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = port(uri);
        Socket plain = new Socket();
        scope.attach(plain);
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            if (!tls) return new UpstreamConnection(plain);
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
            ssl.setUseClientMode(true);
            ssl.startHandshake();
            return new UpstreamConnection(ssl);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Writes one request (request line and Host, headers, Content-Length, body) in a single write:
     * head and body together leave as few packets as possible. Up to {@link #KEPT_WRITE} bytes are
     * assembled in a buffer the connection keeps, so a request allocates nothing here. Header text is
     * ISO-8859-1 (a character outside it goes out as {@code ?}).
     */
    void write(byte[] prefix, Map<String, String> headers, RequestBytes body) throws IOException {
        int n = prefix.length + CONTENT_LENGTH.length + 10 + 4 + body.length();
        for (Map.Entry<String, String> h : headers.entrySet()) n += h.getKey().length() + h.getValue().length() + 4;
        byte[] b = n > KEPT_WRITE ? new byte[n] : writeBuffer(n);
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        int at = prefix.length;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            at = latin1(b, at, h.getKey());
            b[at++] = ':';
            b[at++] = ' ';
            at = latin1(b, at, h.getValue());
            b[at++] = '\r';
            b[at++] = '\n';
        }
        System.arraycopy(CONTENT_LENGTH, 0, b, at, CONTENT_LENGTH.length);
        at = latin1(b, at + CONTENT_LENGTH.length, Integer.toString(body.length()));
        b[at++] = '\r';
        b[at++] = '\n';
        b[at++] = '\r';
        b[at++] = '\n';
        System.arraycopy(body.array(), 0, b, at, body.length());
        at += body.length();
        answered = false;
        out.write(b, 0, at);
        out.flush();
    }

    private byte[] writeBuffer(int n) {
        if (writeBuf == null || writeBuf.length < n) writeBuf = new byte[Math.min(KEPT_WRITE, Math.max(n, 2 * 1024))];
        return writeBuf;
    }

    private static int latin1(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[at++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return at;
    }

    /** False while nothing of the answer has arrived: a failure then, on a reused connection, means it was stale. */
    boolean answered() { return answered; }

    /** Reads the status line and headers, skipping interim 1xx answers. Fails with EOF when nothing at all arrives. */
    ResponseHead readHead() throws IOException {
        while (true) {
            String statusLine = readLine(true);
            int status = parseStatus(statusLine);
            Map<String, List<String>> headers = new HashMap<>();
            int total = statusLine.length();
            while (true) { // header lines are parsed in the buffer: a name and a value string each, nothing else
                int newline = lineEnd(false);
                int end = contentEnd(newline);
                int start = pos;
                pos = newline + 1;
                if (end == start) break;
                total += end - start;
                if (total > MAX_HEAD) throw new IOException("upstream response head is larger than " + MAX_HEAD + " bytes");
                int colon = start;
                while (colon < end && buf[colon] != ':') colon++;
                if (colon == end) continue;
                String name = lowerCaseText(start, colon);
                if (name.isEmpty()) continue;
                headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(trimmedText(colon + 1, end));
            }
            if (status >= 100 && status < 200) continue;
            return ResponseHead.of(status, statusLine.startsWith("HTTP/1.0"), headers);
        }
    }

    /** The bytes from {@code from} to {@code to}, trimmed as {@link String#trim} would, lower-cased (ASCII) in place. */
    private String lowerCaseText(int from, int to) {
        for (int i = from; i < to; i++) if (buf[i] >= 'A' && buf[i] <= 'Z') buf[i] += 'a' - 'A';
        return trimmedText(from, to);
    }

    private String trimmedText(int from, int to) {
        while (from < to && (buf[from] & 0xFF) <= ' ') from++;
        while (to > from && (buf[to - 1] & 0xFF) <= ' ') to--;
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static int parseStatus(String line) throws IOException {
        // HTTP/1.1 200 OK
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line from the upstream");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') throw new IOException("not an HTTP/1.x status line from the upstream");
            status = status * 10 + (c - '0');
        }
        return status;
    }

    /** One CRLF- (or LF-) terminated line as ISO-8859-1, without the terminator. */
    private String readLine(boolean first) throws IOException {
        int newline = lineEnd(first);
        int end = contentEnd(newline);
        String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = newline + 1;
        return line;
    }

    /** Where the line from {@code pos} that ends at {@code newline} ends without its terminator ({@code \r\n} or {@code \n}). */
    private int contentEnd(int newline) {
        return newline > pos && buf[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /** Reads until a whole line is in the buffer (from {@code pos}); the index of its {@code \n}. */
    private int lineEnd(boolean first) throws IOException {
        int start = pos;
        while (true) {
            for (int i = start; i < lim; i++) {
                if (buf[i] == '\n') return i;
            }
            start = lim - pos;
            if (fill() < 0) {
                if (first && lim == pos) throw new EOFException("the upstream closed the connection without answering");
                throw new EOFException("the upstream closed the connection inside the response head");
            }
            start += pos;
        }
    }

    /** Moves unread bytes to the front and reads more; -1 at end of stream. */
    private int fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) throw new IOException("upstream response line longer than " + buf.length + " bytes");
        waiting();
        int n = in.read(buf, lim, buf.length - lim);
        if (n > 0) {
            lim += n;
            answered = true;
        }
        return n;
    }

    /**
     * Up to {@code len} bytes: buffered ones first, else one read from the socket (so each event of a
     * stream is handed on as soon as it arrives). -1 at end of stream.
     */
    int readSome(byte[] b, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        waiting();
        if (len >= buf.length) return in.read(b, off, len);
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return -1;
        lim = n;
        return readSome(b, off, len);
    }

    /** Runs {@code hook} before every socket read from now on (null: none); see {@link UpstreamStream#beforeWait}. */
    void beforeBlockingRead(Runnable hook) { beforeBlockingRead = hook; }

    private void waiting() {
        Runnable hook = beforeBlockingRead;
        if (hook != null) hook.run();
    }

    /** One line of chunked framing (a chunk size or a trailer). */
    String readFramingLine() throws IOException { return readLine(false); }

    /** True when nothing is left unread in the buffer: a connection with stray bytes must not be reused. */
    boolean drained() { return pos == lim; }

    boolean isClosed() { return closed || socket.isClosed(); }

    @Override public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
