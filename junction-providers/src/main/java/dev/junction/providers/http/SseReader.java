package dev.junction.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A WHATWG event-stream parser over an {@link InputStream}, pulled one event at a time.
 *
 * <p>Lines end with CR, LF or CRLF, and a CRLF split across two reads is still one break. A line
 * starting with {@code :} is a comment (DeepSeek's {@code : keep-alive}) and is ignored. The value of
 * a field loses one leading space. Several {@code data:} lines join with {@code \n}; a block whose
 * data is empty is not dispatched. {@code id} and {@code retry} are ignored: no upstream Junction
 * speaks uses them. A partial event at end of stream is discarded, as the spec says. There is no
 * line length cap: the line buffer grows as needed.
 *
 * <p>Not thread-safe: one reader per stream, used by the thread that pulls the stream.
 */
public final class SseReader {
    private static final int READ_SIZE = 8192;

    private final InputStream in;
    private final byte[] readBuffer = new byte[READ_SIZE];
    private int readPos;
    private int readLimit;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    private boolean firstLine = true;

    private String eventType;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseReader(InputStream in) { this.in = in; }

    /** The next event, or null at end of stream. Blocks until one is complete. */
    public ServerSentEvent next() throws IOException {
        while (true) {
            if (readPos == readLimit) {
                int n = in.read(readBuffer, 0, READ_SIZE);
                if (n < 0) return null;
                readPos = 0;
                readLimit = n;
            }
            while (readPos < readLimit) {
                byte b = readBuffer[readPos++];
                if (b == '\n' && afterCr) {
                    afterCr = false;            // the LF of a CRLF whose CR ended the previous line
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    ServerSentEvent event = endLine();
                    if (event != null) return event;
                } else {
                    appendToLine(b);
                }
            }
        }
    }

    private void appendToLine(byte b) {
        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = b;
    }

    private ServerSentEvent endLine() {
        int start = 0;
        if (firstLine) {
            firstLine = false;
            // a UTF-8 byte order mark before the first line is not part of it
            if (lineLength >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) start = 3;
        }
        int length = lineLength - start;
        lineLength = 0;
        if (length == 0) return dispatch();
        if (line[start] == ':') return null;
        int colon = -1;
        for (int i = start; i < start + length; i++) {
            if (line[i] == ':') { colon = i; break; }
        }
        int nameEnd = colon < 0 ? start + length : colon;
        int valueStart = colon < 0 ? start + length : colon + 1;
        if (valueStart < start + length && line[valueStart] == ' ') valueStart++;
        field(start, nameEnd, valueStart, start + length);
        return null;
    }

    private void field(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int nameLength = nameEnd - nameStart;
        if (nameLength == 4 && matches(nameStart, "data")) {
            if (hasData) data.append('\n');
            data.append(new String(line, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8));
            hasData = true;
        } else if (nameLength == 5 && matches(nameStart, "event")) {
            eventType = new String(line, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
        }
    }

    private boolean matches(int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (line[start + i] != name.charAt(i)) return false;
        }
        return true;
    }

    private ServerSentEvent dispatch() {
        if (!hasData) {
            eventType = null;
            return null;
        }
        ServerSentEvent event = new ServerSentEvent(eventType, data.toString());
        data.setLength(0);
        hasData = false;
        eventType = null;
        return event;
    }
}
