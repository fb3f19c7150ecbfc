package dev.junction.simulator.persona;

import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;

/**
 * One provider's wire format, re-implemented from reference/providers.md. A persona reads requests
 * and renders replies and errors; it never touches the socket, so every transport fault works the
 * same way for all of them.
 */
public interface Persona {

    /** {@code openai}, {@code azure-openai}, {@code anthropic} or {@code gemini}. */
    String name();

    /** The path prefix the simulator routes to this persona, e.g. {@code /openai}. */
    String prefix();

    /** Reads one request whose path starts with {@link #prefix()}. */
    Incoming accept(HttpRequest request, long seq);

    /** The 200 reply carrying {@code turn}: a {@link Reply.Stream} when the request asked for one. */
    Reply answer(Turn turn, RequestFacts facts);

    /** The native error reply for {@code kind} (a status error; for a few kinds a native 200). */
    Reply error(Fault.ErrorKind kind, RequestFacts facts);

    /** One framed in-stream event reporting {@code kind} after the stream has started. */
    byte[] streamError(Fault.ErrorKind kind, RequestFacts facts);
}
