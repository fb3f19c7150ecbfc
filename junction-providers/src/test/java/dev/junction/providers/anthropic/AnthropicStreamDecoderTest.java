package dev.junction.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
import dev.junction.providers.http.Redaction;
import dev.junction.providers.http.ServerSentEvent;
import dev.junction.providers.http.SseReader;
import dev.junction.providers.openai.OpenAiResponseMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicStreamDecoderTest {
    private static final String START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\","
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n";
    private static final String TEXT_BLOCK = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
    private static final String DELTA = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":3}}\n\n";
    private static final String STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    /** Upstream stream in, the gateway's OpenAI chunks out: the whole translation, framing included. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "tool-use", "thinking", "crlf"})
    void decodeThenWriteChunks_messagesStream_matchesGatewayGolden(String scenario) throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("anthropic/stream/" + scenario + ".in.sse"));
        ByteArrayOutputStream sse = new ByteArrayOutputStream();
        for (StreamEvent e : events) {
            byte[] chunk = OpenAiResponseMapper.writeChunk(e, "chatcmpl-junction-1", "anthropic/claude-sonnet-4-5", 1700000000L);
            if (chunk == null) continue;
            sse.write("data: ".getBytes(StandardCharsets.UTF_8));
            sse.write(chunk);
            sse.write("\n\n".getBytes(StandardCharsets.UTF_8));
        }
        sse.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        Golden.assertBytes("anthropic/stream/" + scenario + ".out.sse", sse.toByteArray());
    }

    @Test
    void decode_textWithPings_startsOnceThenTextThenFinishAndUsage() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("anthropic/stream/text.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("msg_01XF", "claude-sonnet-4-5-20250929"),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" world"),
                new StreamEvent.Finished(FinishReason.STOP),
                // 412 + 100 cache writes + 2048 cache reads from message_start; output from message_delta
                new StreamEvent.UsageReported(new Usage(2560, 2048, 12, 0)));
    }

    @Test
    void decode_crlfFraming_decodesLikeLf() throws IOException {
        assertThat(decodeAll(Golden.read("anthropic/stream/crlf.in.sse")))
                .isEqualTo(decodeAll(Golden.read("anthropic/stream/text.in.sse")));
    }

    @Test
    void decode_toolUse_indexesToolCallsNotBlocksAndSkipsEmptyFragments() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("anthropic/stream/tool-use.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("msg_01XG", "claude-sonnet-4-5-20250929"),
                new StreamEvent.TextDelta("Let me look"),
                new StreamEvent.ToolCallDelta(0, "toolu_01B", "lookup", ""),
                new StreamEvent.ToolCallDelta(0, null, null, "{\"q\": "),
                new StreamEvent.ToolCallDelta(0, null, null, "\"cat\"}"),
                new StreamEvent.ToolCallDelta(1, "toolu_01C", "now", ""),
                new StreamEvent.ToolCallDelta(1, null, null, "{}"),
                new StreamEvent.Finished(FinishReason.TOOL_CALLS),
                new StreamEvent.UsageReported(new Usage(412, 0, 57, 0)));
    }

    @Test
    void decode_thinking_isReasoningAndCumulativeUsageReplacesEarlierCounts() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("anthropic/stream/thinking.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("msg_01XH", "claude-sonnet-4-5-20250929"),
                new StreamEvent.ReasoningDelta("9.11 < 9.80"),
                new StreamEvent.TextDelta("9.8 is larger."),
                new StreamEvent.Finished(FinishReason.LENGTH),
                new StreamEvent.UsageReported(new Usage(28, 8, 180, 160)));
    }

    @Test
    void decode_messageStop_endsTheStreamAndIgnoresWhatFollows() throws IOException {
        AnthropicStreamDecoder decoder = decoder();
        List<StreamEvent> events = decodeAll((START + TEXT_BLOCK + DELTA + STOP + TEXT_BLOCK).getBytes(StandardCharsets.UTF_8), decoder);
        assertThat(decoder.done()).isTrue();
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.TextDelta).hasSize(1);
    }

    @Test
    void decode_unparseableEvent_isSkippedAndCounted() throws IOException {
        AnthropicStreamDecoder decoder = decoder();
        String sse = START + "event: content_block_delta\ndata: {\"type\":\"content_blo\n\n" + TEXT_BLOCK + DELTA + STOP;
        List<StreamEvent> events = decodeAll(sse.getBytes(StandardCharsets.UTF_8), decoder);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Started", "TextDelta", "Finished", "UsageReported");
        assertThat(decoder.skippedEvents()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cut before message_stop     | CONNECTION   | START TEXT DELTA
            cut before any event        | CONNECTION   | PING
            overloaded error event      | OVERLOADED   | START TEXT ERROR(overloaded_error)
            api error event             | SERVER_ERROR | START ERROR(api_error)
            rate limit error event      | RATE_LIMITED | ERROR(rate_limit_error)
            unknown error type          | SERVER_ERROR | START ERROR(brand_new_error)
            error event not JSON        | SERVER_ERROR | START RAWERROR
            """)
    void decode_failingStream_throwsClassifiedFailure(String scenario, ErrorClass expected, String script) {
        StringBuilder sse = new StringBuilder();
        for (String step : script.split(" ")) {
            sse.append(switch (step) {
                case "START" -> START;
                case "TEXT" -> TEXT_BLOCK;
                case "DELTA" -> DELTA;
                case "PING" -> "event: ping\ndata: {\"type\":\"ping\"}\n\n";
                case "RAWERROR" -> "event: error\ndata: upstream exploded\n\n";
                default -> "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\""
                        + step.substring("ERROR(".length(), step.length() - 1) + "\",\"message\":\"Overloaded\"}}\n\n";
            });
        }
        byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decodeAll(bytes)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(expected));
    }

    private static AnthropicStreamDecoder decoder() {
        return new AnthropicStreamDecoder(new AnthropicErrorClassifier(Redaction.NONE));
    }

    private static List<StreamEvent> decodeAll(byte[] sse) throws IOException {
        return decodeAll(sse, decoder());
    }

    private static List<StreamEvent> decodeAll(byte[] sse, AnthropicStreamDecoder decoder) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(sse));
        ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
        List<StreamEvent> out = new ArrayList<>();
        ServerSentEvent event;
        while (!decoder.done() && (event = reader.next()) != null) {
            decoder.decode(event, queue);
            out.addAll(queue);
            queue.clear();
        }
        if (!decoder.done()) decoder.endOfStream(queue);
        out.addAll(queue);
        return out;
    }
}
