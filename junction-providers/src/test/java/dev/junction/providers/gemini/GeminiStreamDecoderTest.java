package dev.junction.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.Secret;
import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiStreamDecoderTest {

    /**
     * Gemini's alt=sse stream in, OpenAI chunks out, one per neutral event in decoder order: the whole
     * translation, framing included. The usage chunk precedes the finish chunk because Gemini reports
     * both on its last chunk and the decoder hands usage over first; where the gateway places the usage
     * chunk for its caller is the gateway's choice.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-usage-crlf", "function-call", "thoughts", "safety-finish", "prompt-blocked"})
    void decodeThenWriteChunks_upstreamStream_matchesGatewayGolden(String scenario) throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("gemini/stream/" + scenario + ".in.sse"));
        ByteArrayOutputStream sse = new ByteArrayOutputStream();
        for (StreamEvent e : events) {
            byte[] chunk = OpenAiResponseMapper.writeChunk(e, "chatcmpl-junction-1", "google/gemini-2.5-flash", 1700000000L);
            if (chunk == null) continue;
            sse.write("data: ".getBytes(StandardCharsets.UTF_8));
            sse.write(chunk);
            sse.write("\n\n".getBytes(StandardCharsets.UTF_8));
        }
        sse.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        Golden.assertBytes("gemini/stream/" + scenario + ".out.sse", sse.toByteArray());
    }

    @Test
    void decode_crlfTextStream_startsOnceSkipsEmptyTextReportsLastUsageThenFinishes() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("gemini/stream/text-usage-crlf.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("r1", "gemini-2.5-flash"),
                new StreamEvent.TextDelta("Bonjour"),
                new StreamEvent.TextDelta(" le monde"),
                new StreamEvent.TextDelta(" !"),
                new StreamEvent.UsageReported(new Usage(9, 4, 3, 0)),
                new StreamEvent.Finished(FinishReason.STOP));
    }

    @Test
    void decode_functionCallChunk_yieldsWholeCallsAtNextIndexAndToolCallsFinish() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("gemini/stream/function-call.in.sse"));
        assertThat(events).hasSize(6);
        StreamEvent.ToolCallDelta first = (StreamEvent.ToolCallDelta) events.get(2);
        assertThat(first.index()).isZero();
        assertThat(first.name()).isEqualTo("get_weather");
        assertThat(first.argumentsFragment()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(GeminiToolCallIds.decode(first.id()).signature()).isEqualTo("CiQBcsjafQ==");
        assertThat(events.get(3)).isEqualTo(new StreamEvent.ToolCallDelta(1, "fc_2", "get_weather", "{\"city\":\"Rome\"}"));
        assertThat(events.get(4)).isEqualTo(new StreamEvent.UsageReported(new Usage(40, 0, 42, 12)));
        assertThat(events.get(5)).isEqualTo(new StreamEvent.Finished(FinishReason.TOOL_CALLS));
    }

    @Test
    void decode_thoughtParts_areReasoningDeltas() throws IOException {
        assertThat(decodeAll(Golden.read("gemini/stream/thoughts.in.sse"))).startsWith(
                new StreamEvent.Started("r3", "gemini-2.5-pro"),
                new StreamEvent.ReasoningDelta("**Weighing it** 9.11 < 9.8"),
                new StreamEvent.TextDelta("9.8 is larger."));
    }

    @Test
    void decode_safetyFinishAfterText_isContentFilter() throws IOException {
        assertThat(decodeAll(Golden.read("gemini/stream/safety-finish.in.sse"))).last()
                .isEqualTo(new StreamEvent.Finished(FinishReason.CONTENT_FILTER));
    }

    @Test
    void decode_promptBlocked_startsThenFinishesWithContentFilterAndNoContent() throws IOException {
        assertThat(decodeAll(Golden.read("gemini/stream/prompt-blocked.in.sse"))).containsExactly(
                new StreamEvent.Started("r5", "gemini-2.5-flash"),
                new StreamEvent.UsageReported(new Usage(7, 0)),
                new StreamEvent.Finished(FinishReason.CONTENT_FILTER));
    }

    @Test
    void decode_unparseableEvent_isSkippedAndCounted() throws IOException {
        String sse = chunk("{\"text\":\"a\"}", null) + "data: {not json\n\n" + chunk("{\"text\":\"b\"}", "STOP");
        GeminiStreamDecoder decoder = decoder();
        List<StreamEvent> events = decodeAll(sse.getBytes(StandardCharsets.UTF_8), decoder);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Started", "TextDelta", "TextDelta", "Finished");
        assertThat(decoder.skippedEvents()).isEqualTo(1);
    }

    @Test
    void decode_chunksAfterTheFinish_areIgnored() throws IOException {
        String sse = chunk("{\"text\":\"a\"}", "MAX_TOKENS") + chunk("{\"text\":\"late\"}", null)
                + "data: {\"error\":{\"code\":500,\"status\":\"INTERNAL\"}}\n\n";
        assertThat(decodeAll(sse.getBytes(StandardCharsets.UTF_8))).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Started", "TextDelta", "Finished");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cut before finish         | CONNECTION      | data: {"candidates":[{"content":{"role":"model","parts":[{"text":"a"}]},"index":0}]}\\r\\n\\r\\n
            empty body                | CONNECTION      | \\r\\n
            only a partial event      | CONNECTION      | data: {"candidates":[{"content":{"role":"model","parts":[{"text":"a"}]},"finishReason":"STOP"}]}
            error chunk unavailable   | OVERLOADED      | data: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}\\r\\n\\r\\n
            error chunk after text    | SERVER_ERROR    | data: {"candidates":[{"content":{"parts":[{"text":"a"}]}}]}\\n\\ndata: {"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}\\n\\n
            error chunk array         | RATE_LIMITED    | data: [{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}]\\n\\n
            error chunk status only   | TIMEOUT         | data: {"error":{"message":"Deadline expired.","status":"DEADLINE_EXCEEDED"}}\\n\\n
            malformed function call   | SERVER_ERROR    | data: {"candidates":[{"finishReason":"MALFORMED_FUNCTION_CALL","index":0}]}\\n\\n
            """)
    void decode_failingStream_throwsClassifiedFailure(String scenario, ErrorClass expected, String sse) {
        byte[] bytes = sse.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decodeAll(bytes)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(expected));
    }

    private static String chunk(String part, String finish) {
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + part + "]},"
                + (finish == null ? "" : "\"finishReason\":\"" + finish + "\",") + "\"index\":0}],\"responseId\":\"r\"}\n\n";
    }

    private static GeminiStreamDecoder decoder() {
        GeminiErrorClassifier classifier = new GeminiErrorClassifier(Secret.of("test-key"));
        return new GeminiStreamDecoder(classifier, new GeminiResponseMapper(classifier, new GeminiToolCallIds(new Random(42))));
    }

    private static List<StreamEvent> decodeAll(byte[] sse) throws IOException {
        return decodeAll(sse, decoder());
    }

    private static List<StreamEvent> decodeAll(byte[] sse, GeminiStreamDecoder decoder) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(sse));
        ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
        List<StreamEvent> out = new ArrayList<>();
        ServerSentEvent event;
        while (!decoder.done() && (event = reader.next()) != null) {
            decoder.decode(event, queue);
            out.addAll(queue);
            queue.clear();
        }
        decoder.endOfStream(queue);
        out.addAll(queue);
        return out;
    }
}
