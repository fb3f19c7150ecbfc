package dev.junction.providers.anthropic;

import static dev.junction.providers.anthropic.AnthropicWire.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.ProviderException;
import dev.junction.model.StreamEvent;
import dev.junction.providers.http.EventStreamDecoder;
import dev.junction.providers.http.ServerSentEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a Messages event stream (reference/providers.md §2.5, §6.3) into neutral
 * {@link StreamEvent}s.
 *
 * <p><b>The wire.</b> {@code message_start} (id, model, input usage), then per content block
 * {@code content_block_start}, deltas and {@code content_block_stop}, then one or more
 * {@code message_delta} (stop reason, cumulative usage) and {@code message_stop}. {@code ping} may come
 * anywhere; event names Junction does not know are ignored, as the SDKs do. The event is read from the
 * data's {@code type}, which equals the SSE event name.
 *
 * <p><b>States.</b> {@code WAITING} until {@code message_start}; {@code STREAMING} until
 * {@code message_stop}; then {@code DONE}. Only {@code message_stop} completes a stream: a body that
 * ends earlier, even after a {@code message_delta} with a stop reason, is a {@code connection}
 * failure, because the usage and the stop reason may still change.
 *
 * <p><b>Ordering guarantees.</b> {@code Started} comes first and once. Text, reasoning and tool-call
 * deltas follow in wire order. A tool call's {@code index} counts tool calls (0, 1, ...), not content
 * blocks, because that is what OpenAI-shaped callers index by; its first delta carries id and name
 * with empty arguments, later ones only non-empty argument fragments. At {@code message_stop} come
 * {@code Finished} and then {@code UsageReported}, exactly once each, as every Junction decoder orders
 * them (usage after the finish, as OpenAI's usage chunk).
 *
 * <p><b>Usage.</b> {@code message_start} gives input, cache and a provisional output count;
 * {@code message_delta} gives cumulative counts, so each field present there replaces the earlier
 * value (never adds to it).
 *
 * <p><b>Failures.</b> An {@code error} event is classified by its {@code error.type}
 * ({@link AnthropicErrorClassifier}, status 200) and thrown. An event whose data is not JSON is
 * skipped and counted, never forwarded (its text is not logged).
 *
 * <p>Not thread-safe: one decoder per stream, driven by the thread pulling it.
 */
public final class AnthropicStreamDecoder implements EventStreamDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicStreamDecoder.class);

    private enum State { WAITING, STREAMING, DONE }

    private final AnthropicErrorClassifier classifier;
    private State state = State.WAITING;
    /** Tool-call counter per content block index: OpenAI-shaped callers index tool calls, not blocks. */
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private int nextToolIndex;
    private String stopReason;
    private long inputTokens;
    private long cacheCreationTokens;
    private long cacheReadTokens;
    private long outputTokens;
    private long thinkingTokens;
    private int skipped;

    public AnthropicStreamDecoder(AnthropicErrorClassifier classifier) { this.classifier = classifier; }

    /** Events dropped because their data did not parse. */
    public int skippedEvents() { return skipped; }

    @Override public boolean done() { return state == State.DONE; }

    @Override
    public void decode(ServerSentEvent event, Queue<StreamEvent> out) {
        if (state == State.DONE) return;
        byte[] bytes = event.data().getBytes(StandardCharsets.UTF_8);
        JsonNode data;
        try {
            data = AnthropicRequestMapper.TREE.readTree(bytes);
        } catch (IOException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            if (EVENT_ERROR.equals(event.event())) throw new ProviderException(classifier.classify(200, Map.of(), bytes));
            skipped++;
            LOG.debug("skipped an unparseable stream event ({} so far)", skipped);
            return;
        }
        String type = AnthropicResponseMapper.text(data, TYPE);
        if (type == null) type = event.event() == null ? "" : event.event();
        switch (type) {
            case EVENT_MESSAGE_START -> messageStart(data.path(MESSAGE), out);
            case EVENT_BLOCK_START -> blockStart(data, out);
            case EVENT_BLOCK_DELTA -> blockDelta(data, out);
            case EVENT_MESSAGE_DELTA -> messageDelta(data);
            case EVENT_MESSAGE_STOP -> messageStop(out);
            case EVENT_ERROR -> throw new ProviderException(classifier.classify(200, Map.of(), bytes));
            // ping, content_block_stop, and events added after this was written
            default -> { }
        }
    }

    private void messageStart(JsonNode message, Queue<StreamEvent> out) {
        if (state != State.WAITING) return;
        state = State.STREAMING;
        readUsage(message.path(USAGE));
        out.add(new StreamEvent.Started(AnthropicResponseMapper.text(message, ID), AnthropicResponseMapper.text(message, MODEL)));
    }

    /** A stream that skipped {@code message_start} still starts before its first content. */
    private void ensureStarted(Queue<StreamEvent> out) {
        if (state != State.WAITING) return;
        state = State.STREAMING;
        out.add(new StreamEvent.Started(null, null));
    }

    private void blockStart(JsonNode data, Queue<StreamEvent> out) {
        JsonNode block = data.path(CONTENT_BLOCK);
        String blockType = AnthropicResponseMapper.text(block, TYPE);
        if (blockType == null) return;
        switch (blockType) {
            case BLOCK_TEXT -> {
                String text = block.path(TEXT).asText("");
                ensureStarted(out);
                if (!text.isEmpty()) out.add(new StreamEvent.TextDelta(text));
            }
            case BLOCK_TOOL_USE -> {
                ensureStarted(out);
                int toolIndex = nextToolIndex++;
                toolIndexByBlock.put(data.path(INDEX).asInt(-1), toolIndex);
                out.add(new StreamEvent.ToolCallDelta(toolIndex, AnthropicResponseMapper.text(block, ID),
                        AnthropicResponseMapper.text(block, NAME), ""));
                // the start carries input {} and the arguments follow as deltas; a non-empty one is its first fragment
                JsonNode input = block.get(INPUT);
                if (input != null && input.isObject() && !input.isEmpty()) {
                    out.add(new StreamEvent.ToolCallDelta(toolIndex, null, null, input.toString()));
                }
            }
            case BLOCK_THINKING -> {
                String thinking = block.path(THINKING).asText("");
                ensureStarted(out);
                if (!thinking.isEmpty()) out.add(new StreamEvent.ReasoningDelta(thinking));
            }
            default -> { }               // redacted_thinking, server tool blocks
        }
    }

    private void blockDelta(JsonNode data, Queue<StreamEvent> out) {
        JsonNode delta = data.path(DELTA);
        String deltaType = AnthropicResponseMapper.text(delta, TYPE);
        if (deltaType == null) return;
        switch (deltaType) {
            case DELTA_TEXT -> {
                String text = delta.path(TEXT).asText("");
                ensureStarted(out);
                if (!text.isEmpty()) out.add(new StreamEvent.TextDelta(text));
            }
            case DELTA_INPUT_JSON -> {
                String fragment = delta.path(PARTIAL_JSON).asText("");
                Integer toolIndex = toolIndexByBlock.get(data.path(INDEX).asInt(-1));
                // the first fragment is often "", and a fragment of a block that never started has no call to join
                if (fragment.isEmpty() || toolIndex == null) return;
                out.add(new StreamEvent.ToolCallDelta(toolIndex, null, null, fragment));
            }
            case DELTA_THINKING -> {
                String thinking = delta.path(THINKING).asText("");
                ensureStarted(out);
                if (!thinking.isEmpty()) out.add(new StreamEvent.ReasoningDelta(thinking));
            }
            default -> { }               // signature_delta, citations_delta
        }
    }

    private void messageDelta(JsonNode data) {
        String reason = AnthropicResponseMapper.text(data.path(DELTA), STOP_REASON);
        if (reason != null) stopReason = reason;
        readUsage(data.path(USAGE));
    }

    private void messageStop(Queue<StreamEvent> out) {
        ensureStarted(out);
        state = State.DONE;
        out.add(new StreamEvent.Finished(AnthropicResponseMapper.finishReason(stopReason)));
        out.add(new StreamEvent.UsageReported(AnthropicResponseMapper.usage(inputTokens, cacheCreationTokens,
                cacheReadTokens, outputTokens, thinkingTokens)));
    }

    /** Counts are cumulative: a field present replaces the value held. */
    private void readUsage(JsonNode usage) {
        if (!usage.isObject()) return;
        inputTokens = count(usage, INPUT_TOKENS, inputTokens);
        cacheCreationTokens = count(usage, CACHE_CREATION_INPUT_TOKENS, cacheCreationTokens);
        cacheReadTokens = count(usage, CACHE_READ_INPUT_TOKENS, cacheReadTokens);
        outputTokens = count(usage, OUTPUT_TOKENS, outputTokens);
        thinkingTokens = count(usage.path(OUTPUT_TOKENS_DETAILS), THINKING_TOKENS, thinkingTokens);
    }

    private static long count(JsonNode obj, String field, long current) {
        JsonNode n = obj.get(field);
        return n != null && n.canConvertToLong() ? n.asLong() : current;
    }

    @Override
    public void endOfStream(Queue<StreamEvent> out) {
        if (skipped > 0) LOG.warn("skipped {} unparseable upstream stream events", skipped);
        if (state == State.DONE) return;
        throw new ProviderException(new Failure(ErrorClass.CONNECTION, 200, null, null, "stream ended before message_stop"));
    }
}
