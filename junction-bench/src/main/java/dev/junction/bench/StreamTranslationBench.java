package dev.junction.bench;

import dev.junction.model.StreamEvent;
import dev.junction.providers.http.EventStreamDecoder;
import dev.junction.providers.http.ServerSentEvent;
import dev.junction.providers.http.SseReader;
import dev.junction.providers.openai.OpenAiChunkWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streaming translation, reported per upstream event: the provider's event-stream bytes are framed
 * ({@link SseReader}), decoded to neutral events, and each is written as the OpenAI
 * {@code chat.completion.chunk} the gateway flushes to the caller (as its SseWriter does: the role
 * chunk first, usage held until the end). The socket is left out; the bytes go to a blackhole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamTranslationBench {
    private static final String ID = "chatcmpl-0195f3a2b7c84d6e";
    private static final String MODEL = "bench/gpt-4.1-mini";
    private static final long CREATED = 1_741_569_952L;

    @Param({"openai", "anthropic"})
    public String format;

    private byte[] stream;
    private WireFormat wire;

    @Setup public void setUp() throws IOException {
        wire = WireFormat.of(format);
        stream = Fixtures.bytes(wire.streamFixture);
        int events = 0;
        SseReader reader = new SseReader(new ByteArrayInputStream(stream));
        while (reader.next() != null) events++;
        if (events != Fixtures.STREAM_EVENTS) {
            throw new IllegalStateException(wire.streamFixture + " has " + events + " events, the figures assume " + Fixtures.STREAM_EVENTS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.STREAM_EVENTS)
    public void perEvent(Blackhole bh) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream));
        EventStreamDecoder decoder = wire.newDecoder();
        ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
        boolean roleSent = false;
        ServerSentEvent event;
        while ((event = reader.next()) != null) {
            decoder.decode(event, pending);
            StreamEvent e;
            while ((e = pending.poll()) != null) {
                if (e instanceof StreamEvent.UsageReported u) {
                    bh.consume(u);
                    continue;
                }
                if (!roleSent) {
                    bh.consume(OpenAiChunkWriter.roleChunk(ID, MODEL, CREATED));
                    roleSent = true;
                    if (e instanceof StreamEvent.Started) continue;
                }
                byte[] chunk = OpenAiChunkWriter.writeChunk(e, ID, MODEL, CREATED);
                if (chunk != null) bh.consume(chunk);
            }
            if (decoder.done()) break;
        }
        decoder.endOfStream(pending);
        bh.consume(pending);
    }
}
