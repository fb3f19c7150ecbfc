package dev.junction.gateway.openai;

import dev.junction.GenerateStream;
import dev.junction.error.JunctionException;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.providers.openai.OpenAiChunkWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Relays a committed stream to the caller as OpenAI {@code chat.completion.chunk} events, each written
 * as {@code data: <json>\n\n}. Output is flushed whenever the upstream has nothing more buffered (the
 * stream's {@link GenerateStream#beforeWait} hook): an event is never held back waiting for the next
 * one, and events that arrived together leave in one write instead of one system call each. Order: the role chunk, content
 * and tool call deltas, the finish chunk, then (only when the caller asked with
 * {@code stream_options.include_usage}) the usage chunk, then {@code data: [DONE]}. A failure after
 * content ends the stream with one {@code data: {"error":...}} event and no {@code [DONE]}.
 */
final class SseWriter {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final String id;
    private final String model;
    private final long created;
    private IOException flushFailure;

    SseWriter(OutputStream out, String id, String model, long created) {
        this.out = out;
        this.id = id;
        this.model = model;
        this.created = created;
    }

    /**
     * Pulls every event and writes it. Returns normally when the stream finished or was interrupted
     * (the error event is written); an {@link IOException} means the caller went away.
     */
    void relay(GenerateStream stream, boolean includeUsage) throws IOException {
        boolean roleSent = false;
        Usage usage = null;
        stream.beforeWait(this::flushBeforeWait);
        try {
            while (stream.hasNext()) {
                if (flushFailure != null) throw flushFailure;
                StreamEvent e = stream.next();
                if (e instanceof StreamEvent.UsageReported u) {
                    usage = u.usage(); // sent after the finish chunk, as OpenAI does
                    continue;
                }
                if (!roleSent) {
                    write(OpenAiChunkWriter.roleChunk(id, model, created));
                    roleSent = true;
                    if (e instanceof StreamEvent.Started) continue;
                }
                byte[] chunk = OpenAiChunkWriter.writeChunk(e, id, model, created);
                if (chunk != null) write(chunk);
            }
        } catch (JunctionException.StreamInterrupted e) {
            write(OpenAiErrorWriter.body(e.httpStatus(), e.code(), e.getMessage(), null));
            out.flush();
            return;
        }
        if (includeUsage && usage != null) write(OpenAiChunkWriter.usageChunk(id, model, created, usage));
        out.write(DONE);
        out.flush();
    }

    private void write(byte[] json) throws IOException {
        if (flushFailure != null) throw flushFailure;
        out.write(DATA);
        out.write(json);
        out.write(END);
    }

    /**
     * Runs on the relaying thread inside the upstream read, so it must not throw: a failed flush (the
     * caller went away) is kept and rethrown by the relay loop, which then cancels the upstream.
     */
    private void flushBeforeWait() {
        if (flushFailure != null) return;
        try {
            out.flush();
        } catch (IOException e) {
            flushFailure = e;
        } catch (RuntimeException e) {
            flushFailure = new IOException(e.getMessage(), e);
        }
    }
}
