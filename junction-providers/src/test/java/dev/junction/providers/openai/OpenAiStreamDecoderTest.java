package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.providers.Golden;
import dev.junction.providers.http.ServerSentEvent;
import dev.junction.providers.http.SseReader;
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

class OpenAiStreamDecoderTest {

    /** Upstream stream in, the gateway's OpenAI chunks out: the whole translation, framing included. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-usage", "tool-calls", "azure-filter-chunk", "deepseek-reasoning"})
    void decodeThenWriteChunks_upstreamStream_matchesGatewayGolden(String scenario) throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("openai/stream/" + scenario + ".in.sse"));
        ByteArrayOutputStream sse = new ByteArrayOutputStream();
        for (StreamEvent e : events) {
            byte[] chunk = OpenAiResponseMapper.writeChunk(e, "chatcmpl-junction-1", "openai/gpt-4o", 1700000000L);
            if (chunk == null) continue;
            sse.write("data: ".getBytes(StandardCharsets.UTF_8));
            sse.write(chunk);
            sse.write("\n\n".getBytes(StandardCharsets.UTF_8));
        }
        sse.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        Golden.assertBytes("openai/stream/" + scenario + ".out.sse", sse.toByteArray());
    }

    @Test
    void decode_textStream_startsOnceFinishesThenReportsUsage() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("openai/stream/text-usage.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("chatcmpl-1", "gpt-4o-2024-08-06"),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" world"),
                new StreamEvent.Finished(FinishReason.STOP),
                new StreamEvent.UsageReported(new Usage(14, 8, 30, 0)));
    }

    @Test
    void decode_toolCalls_yieldsStartThenFragmentsPerIndex() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("openai/stream/tool-calls.in.sse"));
        assertThat(events).contains(
                new StreamEvent.ToolCallDelta(0, "call_4X", "get_weather", ""),
                new StreamEvent.ToolCallDelta(0, null, null, "{\""),
                new StreamEvent.ToolCallDelta(1, "call_5Y", "get_time", "{}"),
                new StreamEvent.Finished(FinishReason.TOOL_CALLS));
    }

    @Test
    void decode_deepSeek_reasoningBeforeTextAndUsageOnFinishChunk() throws IOException {
        List<StreamEvent> events = decodeAll(Golden.read("openai/stream/deepseek-reasoning.in.sse"));
        assertThat(events).containsExactly(
                new StreamEvent.Started("ds-1", "deepseek-reasoner"),
                new StreamEvent.ReasoningDelta("Think."),
                new StreamEvent.TextDelta("Answer."),
                new StreamEvent.Finished(FinishReason.STOP),
                new StreamEvent.UsageReported(new Usage(10, 4, 5, 2)));
    }

    @Test
    void decode_unparseableEvent_isSkippedAndCounted() throws IOException {
        String sse = chunk("{\"content\":\"a\"}", null) + "data: {not json\n\n" + chunk("{}", "stop") + "data: [DONE]\n\n";
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(new OpenAiErrorClassifier());
        List<StreamEvent> events = decodeAll(sse.getBytes(StandardCharsets.UTF_8), decoder);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Started", "TextDelta", "Finished");
        assertThat(decoder.skippedEvents()).isEqualTo(1);
    }

    @Test
    void decode_finishWithoutDone_isComplete() throws IOException {
        List<StreamEvent> events = decodeAll((chunk("{\"content\":\"a\"}", null) + chunk("{}", "length")).getBytes(StandardCharsets.UTF_8));
        assertThat(events).last().isEqualTo(new StreamEvent.Finished(FinishReason.LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cut before finish           | CONNECTION       | data: {"id":"c","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}\\n\\n
            nothing at all              | CONNECTION       | : keep-alive\\n\\n
            openai error payload        | RATE_LIMITED     | data: {"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}}\\n\\n
            unknown error payload       | SERVER_ERROR     | data: {"error":{"message":"The server had an error","type":"server_error","code":null}}\\n\\n
            event named error           | SERVER_ERROR     | event: error\\ndata: {"message":"boom"}\\n\\n
            qwen moderation after text  | CONTENT_REFUSED  | data: {"id":"c","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}\\n\\ndata: {"error":{"message":"Output data may contain inappropriate content.","type":"data_inspection_failed","param":null,"code":"data_inspection_failed"}}\\n\\n
            vllm integer code           | SERVER_ERROR     | data: {"error":{"message":"engine died","type":"InternalServerError","param":null,"code":500}}\\n\\n
            deepseek no capacity        | OVERLOADED       | data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"insufficient_system_resource"}]}\\n\\n
            """)
    void decode_failingStream_throwsClassifiedFailure(String scenario, ErrorClass expected, String sse) {
        byte[] bytes = sse.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decodeAll(bytes)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.failure().errorClass()).isEqualTo(expected));
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static List<StreamEvent> decodeAll(byte[] sse) throws IOException {
        return decodeAll(sse, new OpenAiStreamDecoder(new OpenAiErrorClassifier()));
    }

    private static List<StreamEvent> decodeAll(byte[] sse, OpenAiStreamDecoder decoder) throws IOException {
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
