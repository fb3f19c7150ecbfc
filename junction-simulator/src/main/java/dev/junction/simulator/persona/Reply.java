package dev.junction.simulator.persona;

import java.util.List;
import java.util.Map;

/** A persona's rendered answer to one request, before any transport fault damages it. */
public sealed interface Reply {

    int status();

    /** Response headers in wire order (framing headers are added by the connection). */
    Map<String, String> headers();

    /** A whole body sent with {@code Content-Length}. */
    record Whole(int status, Map<String, String> headers, byte[] body) implements Reply {}

    /**
     * A chunked event stream. Each element is one fully framed event (e.g. {@code data: …\n\n}),
     * written and flushed as one chunk; the last element is the stream's terminal event, the one a
     * client needs to know the reply is complete.
     */
    record Stream(int status, Map<String, String> headers, List<byte[]> events) implements Reply {
        public Stream {
            if (events.isEmpty()) throw new IllegalArgumentException("a stream needs at least its terminal event");
            events = List.copyOf(events);
        }
    }
}
