package dev.junction.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseReaderTest {

    static Stream<Arguments> framingCases() {
        return Stream.of(
                row("LF line ends", "data: a\n\ndata: b\n\n", ev(null, "a"), ev(null, "b")),
                row("CRLF line ends", "data: a\r\n\r\ndata: b\r\n\r\n", ev(null, "a"), ev(null, "b")),
                row("lone CR line ends", "data: a\r\rdata: b\r\r", ev(null, "a"), ev(null, "b")),
                row("mixed line ends", "data: a\r\n\ndata: b\r\r\n", ev(null, "a"), ev(null, "b")),
                row("event field", "event: message_stop\ndata: {}\n\n", ev("message_stop", "{}")),
                row("event type does not leak to the next event", "event: x\ndata: 1\n\ndata: 2\n\n", ev("x", "1"), ev(null, "2")),
                row("comments ignored", ": keep-alive\n\n: OPENROUTER PROCESSING\ndata: a\n\n", ev(null, "a")),
                row("one space after colon stripped", "data:  two spaces\n\ndata:none\n\n", ev(null, " two spaces"), ev(null, "none")),
                row("multi data lines joined by LF", "data: a\ndata: b\ndata:\n\n", ev(null, "a\nb\n")),
                row("empty data still dispatched", "data:\n\n", ev(null, "")),
                row("block without data not dispatched", "event: ping\n\ndata: a\n\n", ev(null, "a")),
                row("unknown fields, id and retry ignored", "id: 7\nretry: 100\nfoo: bar\ndata: a\n\n", ev(null, "a")),
                row("field without colon", "data\n\n", ev(null, "")),
                row("partial event at end discarded", "data: a\n\ndata: b\n", ev(null, "a")),
                row("leading BOM skipped", "\uFEFFdata: a\n\n", ev(null, "a")),
                row("utf-8 text", "data: héllo ☃ 🙂\n\n", ev(null, "héllo ☃ 🙂")),
                row("long line", "data: " + "x".repeat(100_000) + "\n\n", ev(null, "x".repeat(100_000))),
                row("done marker is plain data", "data: [DONE]\n\n", ev(null, "[DONE]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framingCases")
    void next_wholeInput_yieldsEvents(String name, String input, List<ServerSentEvent> expected) throws IOException {
        assertThat(readAll(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    /** The same cases delivered one byte per read: CRLF split across reads is still one line break. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("framingCases")
    void next_oneBytePerRead_yieldsSameEvents(String name, String input, List<ServerSentEvent> expected) throws IOException {
        assertThat(readAll(new OneByteAtATime(input.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    private static List<ServerSentEvent> readAll(InputStream in) throws IOException {
        SseReader reader = new SseReader(in);
        List<ServerSentEvent> out = new ArrayList<>();
        ServerSentEvent e;
        while ((e = reader.next()) != null) out.add(e);
        return out;
    }

    private static Arguments row(String name, String input, ServerSentEvent... events) {
        return Arguments.of(name, input, List.of(events));
    }

    private static ServerSentEvent ev(String event, String data) { return new ServerSentEvent(event, data); }

    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) { this.bytes = bytes; }

        @Override public int read() { return pos < bytes.length ? bytes[pos++] & 0xff : -1; }

        @Override public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) return -1;
            b[off] = bytes[pos++];
            return 1;
        }
    }
}
