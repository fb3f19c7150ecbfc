package dev.junction.providers.gemini;

import static dev.junction.providers.gemini.GeminiWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.providers.http.EventStreamDecoder;
import dev.junction.providers.http.ServerSentEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a {@code streamGenerateContent?alt=sse} stream (reference/providers.md §3.7, §6.4) into
 * neutral {@link StreamEvent}s. Each event's data is one whole {@code GenerateContentResponse} whose
 * parts are deltas; there are no event names and no terminator.
 *
 * <p><b>States.</b> {@code WAITING} until the first chunk; then {@code STREAMING}; {@code FINISHED}
 * once the first candidate carries a {@code finishReason} or the prompt is blocked
 * ({@code promptFeedback.blockReason}). Gemini ends a stream by closing the body, so a body that ends
 * FINISHED is a success and one that ends earlier is a {@code connection} failure. Chunks after the
 * finish are ignored; the body is still read to its end so the connection can be pooled again.
 *
 * <p><b>Ordering guarantees.</b> {@code Started} comes first, exactly once. Within a chunk, parts
 * are reported in wire order: text as {@code TextDelta}, {@code thought} text as
 * {@code ReasoningDelta}, and each {@code functionCall} (which Gemini sends whole) as one
 * {@code ToolCallDelta} with id, name and the complete arguments, at the next tool index (0, 1, …).
 * At the finish, {@code UsageReported} with the last {@code usageMetadata} seen (earlier chunks may
 * carry partial counts), then {@code Finished}, last. {@code STOP} after any function call is
 * {@code tool_calls}; other reasons map as in {@link GeminiResponseMapper#finishReason}.
 *
 * <p><b>What is skipped.</b> Empty text parts; an event whose data is not JSON (counted, logged
 * without its text). A chunk {@code {"error":…}} is a failure classified by
 * {@link GeminiErrorClassifier} from its {@code code} and {@code status}.
 *
 * <p>Not thread-safe: one decoder per stream, driven by the thread pulling it.
 */
public final class GeminiStreamDecoder implements EventStreamDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiStreamDecoder.class);

    private enum State { WAITING, STREAMING, FINISHED }

    private final GeminiErrorClassifier classifier;
    private final GeminiResponseMapper calls;
    private State state = State.WAITING;
    private Usage lastUsage;
    private int nextToolIndex;
    private int skipped;

    /** @param calls reads function-call parts, so streamed calls get the same ids as whole answers */
    public GeminiStreamDecoder(GeminiErrorClassifier classifier, GeminiResponseMapper calls) {
        this.classifier = classifier;
        this.calls = calls;
    }

    /** Events dropped because their data did not parse. */
    public int skippedEvents() { return skipped; }

    /** Gemini has no terminator event: the stream ends with the body. */
    @Override public boolean done() { return false; }

    @Override
    public void decode(ServerSentEvent event, Queue<StreamEvent> out) {
        if (state == State.FINISHED) return;
        byte[] bytes = event.data().getBytes(StandardCharsets.UTF_8);
        JsonNode chunk;
        try {
            chunk = GeminiRequestMapper.TREE.readTree(bytes);
        } catch (IOException e) {
            chunk = null;
        }
        if (chunk != null && chunk.isArray() && chunk.size() == 1) chunk = chunk.get(0);
        if (chunk == null || !chunk.isObject()) {
            skipped++;
            LOG.debug("skipped an unparseable stream event ({} so far)", skipped);
            return;
        }
        if (chunk.hasNonNull(ERROR)) throw new ProviderException(classifier.classify(200, Map.of(), bytes));
        chunk(chunk, out);
    }

    private void chunk(JsonNode chunk, Queue<StreamEvent> out) {
        if (state == State.WAITING) {
            state = State.STREAMING;
            out.add(new StreamEvent.Started(GeminiResponseMapper.text(chunk, RESPONSE_ID), GeminiResponseMapper.text(chunk, MODEL_VERSION)));
        }
        JsonNode usage = chunk.get(USAGE_METADATA);
        if (usage != null && usage.isObject()) lastUsage = GeminiResponseMapper.usage(usage);
        JsonNode candidates = chunk.get(CANDIDATES);
        if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
            // the prompt was blocked: no candidate will come
            if (GeminiResponseMapper.promptBlocked(chunk)) finish(FinishReason.CONTENT_FILTER, out);
            return;
        }
        JsonNode candidate = candidates.get(0);
        for (JsonNode part : candidate.path(CONTENT).path(PARTS)) part(part, out);
        String finish = GeminiResponseMapper.text(candidate, FINISH_REASON);
        if (finish != null) finish(GeminiResponseMapper.finishReason(finish, nextToolIndex > 0), out);
    }

    private void part(JsonNode part, Queue<StreamEvent> out) {
        JsonNode call = part.get(FUNCTION_CALL);
        if (call != null && call.isObject()) {
            ContentPart.ToolCall c = calls.toolCall(call, GeminiResponseMapper.text(part, THOUGHT_SIGNATURE));
            out.add(new StreamEvent.ToolCallDelta(nextToolIndex++, c.id(), c.name(), c.arguments()));
            return;
        }
        String text = GeminiResponseMapper.text(part, TEXT);
        if (text == null || text.isEmpty()) return;
        out.add(part.path(THOUGHT).asBoolean(false) ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
    }

    private void finish(FinishReason reason, Queue<StreamEvent> out) {
        state = State.FINISHED;
        if (lastUsage != null) out.add(new StreamEvent.UsageReported(lastUsage));
        out.add(new StreamEvent.Finished(reason));
    }

    @Override
    public void endOfStream(Queue<StreamEvent> out) {
        if (skipped > 0) LOG.warn("skipped {} unparseable upstream stream events", skipped);
        if (state == State.FINISHED) return;
        throw new ProviderException(new Failure(ErrorClass.CONNECTION, 200, null, null, "stream ended before a finishReason"));
    }
}
