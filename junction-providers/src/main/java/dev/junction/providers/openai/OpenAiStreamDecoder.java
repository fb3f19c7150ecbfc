package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
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
 * Decodes a Chat Completions event stream ({@code chat.completion.chunk}s, reference/providers.md
 * §1.5, §4, §6.5) into neutral {@link StreamEvent}s.
 *
 * <p><b>States.</b> {@code WAITING} until the first chunk that belongs to the answer; then
 * {@code STREAMING}; {@code FINISHED} once a choice carries a {@code finish_reason}; {@code DONE} at
 * {@code data: [DONE]}. The stream is complete once FINISHED: a body that ends there (with or without
 * {@code [DONE]}) is a success, a body that ends earlier is a {@code connection} failure.
 *
 * <p><b>Ordering guarantees.</b> {@code Started} comes first, exactly once, before any other event.
 * Reasoning, text and tool call deltas follow in wire order; within a chunk reasoning precedes text,
 * which precedes tool calls. {@code Finished} comes at most once, after every content event.
 * {@code UsageReported} comes at most once, after {@code Finished} when the upstream sends usage where
 * OpenAI does (a {@code choices: []} chunk after the finish chunk); a vendor that attaches usage to the
 * finish chunk itself (Groq's {@code x_groq.usage}) has it reported right after {@code Finished}.
 *
 * <p><b>What is skipped.</b> Azure's prompt-filter chunk ({@code choices: []}, no usage); empty
 * content fragments; usage on chunks before the finish (vLLM's continuous stats: only the final counts
 * matter). An event whose data is not JSON is skipped and counted, never forwarded (its text is not
 * logged). An {@code error} payload, or an SSE event named {@code error}, is a failure classified by
 * {@link OpenAiErrorClassifier} with status 200; so is DeepSeek's {@code insufficient_system_resource}
 * finish ({@code overloaded}).
 *
 * <p>Not thread-safe: one decoder per stream, driven by the thread pulling it.
 */
public final class OpenAiStreamDecoder implements EventStreamDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiStreamDecoder.class);

    private enum State { WAITING, STREAMING, FINISHED, DONE }

    private final OpenAiErrorClassifier classifier;
    private State state = State.WAITING;
    private boolean usageReported;
    private boolean sawToolCall;
    private boolean refused;
    private int skipped;

    public OpenAiStreamDecoder(OpenAiErrorClassifier classifier) { this.classifier = classifier; }

    /** Events dropped because their data did not parse. */
    public int skippedEvents() { return skipped; }

    @Override public boolean done() { return state == State.DONE; }

    @Override
    public void decode(ServerSentEvent event, Queue<StreamEvent> out) {
        if (state == State.DONE) return;
        String data = event.data();
        if (STREAM_DONE.equals(data)) {
            state = State.DONE;
            return;
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (EVENT_ERROR.equals(event.event())) throw new ProviderException(classifier.classify(200, Map.of(), bytes));
        JsonNode chunk;
        try {
            chunk = OpenAiRequestMapper.TREE.readTree(bytes);
        } catch (IOException e) {
            chunk = null;
        }
        if (chunk == null || !chunk.isObject()) {
            skipped++;
            LOG.debug("skipped an unparseable stream event ({} so far)", skipped);
            return;
        }
        if (chunk.hasNonNull(ERROR)) throw new ProviderException(classifier.classify(200, Map.of(), bytes));
        chunk(chunk, out);
    }

    private void chunk(JsonNode chunk, Queue<StreamEvent> out) {
        JsonNode choices = chunk.get(CHOICES);
        boolean noChoices = choices == null || !choices.isArray() || choices.isEmpty();
        JsonNode usage = chunk.get(USAGE);
        boolean hasUsage = usage != null && usage.isObject();
        // Azure's prompt-filter chunk: no choices, no usage, empty id
        if (noChoices && !hasUsage) return;
        if (state == State.WAITING) {
            state = State.STREAMING;
            out.add(new StreamEvent.Started(OpenAiResponseMapper.text(chunk, ID), OpenAiResponseMapper.text(chunk, MODEL)));
        }
        if (!noChoices) choice(choices.get(0), out);
        if (state == State.FINISHED && !usageReported) {
            JsonNode groq = chunk.path(X_GROQ).get(USAGE);
            JsonNode reported = hasUsage ? usage : groq != null && groq.isObject() ? groq : null;
            if (reported != null) {
                usageReported = true;
                out.add(new StreamEvent.UsageReported(OpenAiResponseMapper.usage(reported)));
            }
        }
    }

    private void choice(JsonNode choice, Queue<StreamEvent> out) {
        JsonNode delta = choice.get(DELTA);
        if (delta != null && delta.isObject() && state == State.STREAMING) {
            String reasoning = OpenAiResponseMapper.text(delta, REASONING_CONTENT);
            if (reasoning == null) reasoning = OpenAiResponseMapper.text(delta, REASONING);
            if (reasoning != null && !reasoning.isEmpty()) out.add(new StreamEvent.ReasoningDelta(reasoning));
            String content = OpenAiResponseMapper.text(delta, CONTENT);
            if (content != null && !content.isEmpty()) out.add(new StreamEvent.TextDelta(content));
            String refusal = OpenAiResponseMapper.text(delta, REFUSAL);
            if (refusal != null && !refusal.isEmpty()) {
                refused = true;
                out.add(new StreamEvent.TextDelta(refusal));
            }
            JsonNode calls = delta.get(TOOL_CALLS);
            if (calls != null && calls.isArray()) {
                for (JsonNode call : calls) toolCall(call, out);
            }
        }
        String finish = OpenAiResponseMapper.text(choice, FINISH_REASON);
        if (finish != null && state == State.STREAMING) {
            FinishReason reason = OpenAiResponseMapper.finishReason(finish, sawToolCall);
            state = State.FINISHED;
            out.add(new StreamEvent.Finished(refused ? FinishReason.CONTENT_FILTER : reason));
        }
    }

    private void toolCall(JsonNode call, Queue<StreamEvent> out) {
        int index = call.path(INDEX).asInt(0);
        String id = OpenAiResponseMapper.text(call, ID);
        JsonNode fn = call.path(FUNCTION);
        String name = OpenAiResponseMapper.text(fn, NAME);
        String args = OpenAiResponseMapper.text(fn, ARGUMENTS);
        if (id == null && name == null && (args == null || args.isEmpty())) return;
        sawToolCall = true;
        out.add(new StreamEvent.ToolCallDelta(index, id, name, args == null ? "" : args));
    }

    @Override
    public void endOfStream(Queue<StreamEvent> out) {
        if (skipped > 0) LOG.warn("skipped {} unparseable upstream stream events", skipped);
        if (state == State.FINISHED || state == State.DONE) return;
        throw new ProviderException(new Failure(ErrorClass.CONNECTION, 200, null, null,
                "stream ended before a finish_reason"));
    }
}
