package dev.junction.simulator;

import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpConnection;
import dev.junction.simulator.persona.Persona;
import dev.junction.simulator.persona.Reply;
import dev.junction.simulator.persona.RequestFacts;
import dev.junction.simulator.persona.Turn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Plays one {@link Step} on one connection: asks the persona for the reply, then writes it,
 * damaged as the step's fault says. This is the only place where faults meet the socket.
 *
 * <p>Client departures are noticed two ways: a write that fails, and, whenever the simulator
 * waits (a delay, a slow stream, a stall), a read that sees the client close its side. Either
 * marks the request's {@link ReplyProgress} as disconnected, unless the simulator itself is
 * shutting down.
 */
final class StepPlayer {

    /**
     * How long a dropped connection stays open after its last bytes. Some clients (the JDK's
     * HttpClient among them) discard buffered body bytes once they see the connection fail, so
     * without this pause a test could not tell "n events, then a drop" from "a drop".
     */
    private static final Duration DROP_PAUSE = Duration.ofMillis(150);

    private final HttpConnection connection;
    private final ReplyProgress progress;
    private final BooleanSupplier closing;

    StepPlayer(HttpConnection connection, ReplyProgress progress, BooleanSupplier closing) {
        this.connection = connection;
        this.progress = progress;
        this.closing = closing;
    }

    /** Writes a reply without any fault. Returns whether the connection may be reused. */
    boolean send(Reply reply) throws InterruptedException {
        try {
            return deliver(reply, Duration.ZERO);
        } catch (IOException e) {
            return departed();
        }
    }

    /** Plays {@code step} for a generation request. Returns whether the connection may be reused. */
    boolean play(Step step, Persona persona, RequestFacts facts) throws InterruptedException {
        try {
            if (!step.delay().isZero() && clientLeftDuring(step.delay())) return departed();
            return switch (step.fault()) {
                case null -> deliver(persona.answer(Turn.resolve(step, facts), facts), Duration.ZERO);
                case Fault.ErrorKind kind -> deliver(persona.error(kind, facts), Duration.ZERO);
                case Fault.Raw raw -> deliver(new Reply.Whole(raw.status(), raw.headers(),
                        raw.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)), Duration.ZERO);
                case Fault.Delay delay -> clientLeftDuring(delay.duration())
                        ? departed()
                        : deliver(persona.answer(Turn.resolve(step, facts), facts), Duration.ZERO);
                case Fault.Reset reset -> {
                    connection.reset();
                    yield false;
                }
                case Fault.Stall stall -> stall();
                case Fault.SlowEvents slow -> {
                    Reply reply = persona.answer(Turn.resolve(step, facts), facts);
                    if (reply instanceof Reply.Whole) {
                        yield clientLeftDuring(slow.gap()) ? departed() : deliver(reply, Duration.ZERO);
                    }
                    yield deliver(reply, slow.gap());
                }
                case Fault.MalformedBody malformed -> malformed(persona.answer(Turn.resolve(step, facts), facts));
                case Fault.DropAfterEvents drop -> cut(persona.answer(Turn.resolve(step, facts), facts), drop.n(), false);
                case Fault.TruncateAfterEvents cut -> cut(persona.answer(Turn.resolve(step, facts), facts), cut.n(), true);
                case Fault.StallAfterEvents stall -> stallAfter(persona.answer(Turn.resolve(step, facts), facts), stall.n());
                case Fault.ErrorEventAfter error -> {
                    Reply reply = persona.answer(Turn.resolve(step, facts), facts);
                    if (!(reply instanceof Reply.Stream stream)) yield deliver(persona.error(error.kind(), facts), Duration.ZERO);
                    if (!sendEvents(stream, beforeTerminal(stream, error.n()), Duration.ZERO)) yield departed();
                    connection.writeChunk(persona.streamError(error.kind(), facts));
                    connection.endChunked();
                    yield true;
                }
            };
        } catch (IOException e) {
            return departed();
        }
    }

    private boolean deliver(Reply reply, Duration gap) throws IOException, InterruptedException {
        switch (reply) {
            case Reply.Whole whole -> connection.sendFull(whole.status(), whole.headers(), whole.body());
            case Reply.Stream stream -> {
                if (!sendEvents(stream, stream.events().size(), gap)) return departed();
                connection.endChunked();
            }
        }
        progress.markCompleted();
        return true;
    }

    /** Stream: a cut copy of a middle event is inserted before it; whole: the body is cut in half. */
    private boolean malformed(Reply reply) throws IOException, InterruptedException {
        if (reply instanceof Reply.Whole whole) {
            byte[] half = Arrays.copyOf(whole.body(), whole.body().length / 2);
            return deliver(new Reply.Whole(whole.status(), whole.headers(), half), Duration.ZERO);
        }
        Reply.Stream stream = (Reply.Stream) reply;
        List<byte[]> events = new ArrayList<>(stream.events());
        int middle = (events.size() - 1) / 2;
        events.add(middle, cutEvent(events.get(middle)));
        return deliver(new Reply.Stream(stream.status(), stream.headers(), events), Duration.ZERO);
    }

    private boolean cut(Reply reply, int n, boolean endCleanly) throws IOException, InterruptedException {
        if (reply instanceof Reply.Whole whole) {
            byte[] half = Arrays.copyOf(whole.body(), whole.body().length / 2);
            connection.sendPartial(whole.status(), whole.headers(), whole.body().length, half);
            return drop();
        }
        Reply.Stream stream = (Reply.Stream) reply;
        if (!sendEvents(stream, beforeTerminal(stream, n), Duration.ZERO)) return departed();
        if (!endCleanly) return drop();
        connection.endChunked();
        return true;
    }

    private boolean stallAfter(Reply reply, int n) throws IOException, InterruptedException {
        if (reply instanceof Reply.Whole whole) {
            connection.sendPartial(whole.status(), whole.headers(), whole.body().length, new byte[0]);
        } else if (!sendEvents((Reply.Stream) reply, beforeTerminal((Reply.Stream) reply, n), Duration.ZERO)) {
            return departed();
        }
        return stall();
    }

    /** Closes abruptly after {@link #DROP_PAUSE}: no terminal chunk, the client sees the body fail. */
    private boolean drop() throws InterruptedException {
        if (clientLeftDuring(DROP_PAUSE)) return departed();
        connection.close();
        return false;
    }

    /** At most {@code n} events, and never the terminal one. */
    private static int beforeTerminal(Reply.Stream stream, int n) {
        return Math.min(n, stream.events().size() - 1);
    }

    private boolean stall() throws InterruptedException {
        connection.waitForClientClose();
        return departed();
    }

    /** Starts the stream and sends its first {@code count} events. Returns {@code false} if the client left. */
    private boolean sendEvents(Reply.Stream stream, int count, Duration gap) throws IOException, InterruptedException {
        List<byte[]> events = stream.events();
        connection.startChunked(stream.status(), stream.headers());
        for (int i = 0; i < count; i++) {
            if (!gap.isZero() && clientLeftDuring(gap)) return false;
            connection.writeChunk(events.get(i));
        }
        return true;
    }

    private boolean clientLeftDuring(Duration wait) throws InterruptedException {
        return connection.waitWatchingClient(wait);
    }

    /** Records that the client left (unless the simulator is closing) and drops the connection. */
    private boolean departed() {
        if (!closing.getAsBoolean()) progress.markClientDisconnected();
        connection.close();
        return false;
    }

    /** The event with its JSON cut in half and its framing kept, so only the JSON fails to parse. */
    private static byte[] cutEvent(byte[] event) {
        String text = new String(event, java.nio.charset.StandardCharsets.UTF_8);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        String separator = text.substring(end);
        int data = text.lastIndexOf("data: ");
        int dataStart = data < 0 ? 0 : data + "data: ".length();
        int cut = dataStart + (end - dataStart) / 2;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
        return (text.substring(0, cut) + separator).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
