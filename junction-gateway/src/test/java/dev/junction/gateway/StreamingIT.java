package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.junction.ledger.report.AttemptRow;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming through the gateway with the official OpenAI SDK: relay, fallback before content, interruptions, cancels. */
class StreamingIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              chat:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                maxLatencyMs: 5000
                streamIdleTimeoutMs: 600
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    GatewayFixture gw;

    @BeforeEach void start() throws Exception { gw = new GatewayFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    private static ChatCompletionCreateParams ask(boolean includeUsage) {
        var b = ChatCompletionCreateParams.builder().model("chat").addUserMessage("Tell me about routing");
        if (includeUsage) b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        return b.build();
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.delta().content().stream())
                .collect(Collectors.joining());
    }

    @Test
    void sdkStream_primaryHealthy_relaysEveryChunkWithServedModelAndUsage() {
        gw.sim.script("gpt-4.1-mini", Step.ok("alpha beta gamma delta"));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(true))) {
            s.stream().forEach(chunks::add);
        }

        assertThat(text(chunks)).isEqualTo("alpha beta gamma delta");
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("openai/gpt-4.1-mini"));
        assertThat(chunks.getLast().usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(ch -> ch.finishReason().stream()).toList())
                .singleElement().asString().isEqualTo("stop");
    }

    @Test
    void sdkStream_withoutIncludeUsage_sendsNoUsageChunkButLedgerHasTokens() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(false))) {
            s.stream().forEach(chunks::add);
        }

        assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
        // Junction still asked the upstream for usage, so the row has tokens and a TTFT
        UsageQueries ledger = gw.flushedLedger();
        assertThat(ledger.summarize(List.of("task"), null, null)).singleElement()
                .satisfies(r -> assertThat(r.outputTokens()).isPositive());
    }

    @Test
    void sdkStream_primaryRateLimitedBeforeContent_fallbackServesOneCleanStream() throws Exception {
        gw.sim.script("gpt-4.1-mini", Step.fault(Fault.rateLimited(Duration.ofSeconds(1))));
        gw.sim.script("qwen-plus", Step.ok("from the fallback"));

        HttpResponse<String> raw = rawStream();

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("X-Junction-Model")).hasValue("qwen/qwen-plus");
        assertThat(raw.headers().firstValue("X-Junction-Fallback")).hasValue("true");
        assertThat(raw.body()).doesNotContain("gpt-4.1-mini").contains("\"model\":\"qwen/qwen-plus\"");
        assertThat(raw.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void rawStream_framing_isOneDataLinePerEventThenDone() throws Exception {
        gw.sim.script("gpt-4.1-mini", Step.ok("one two three"));

        HttpResponse<String> raw = rawStream();

        assertThat(raw.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        String[] events = raw.body().split("\n\n", -1);
        assertThat(events[events.length - 1]).isEmpty();
        for (int i = 0; i < events.length - 1; i++) {
            assertThat(events[i]).startsWith("data: ").doesNotContain("\n");
        }
        assertThat(events[events.length - 2]).isEqualTo("data: [DONE]");
        assertThat(events[0]).contains("\"role\":\"assistant\"");
    }

    @Test
    void rawStream_eventsSpacedUpstream_eachReachesTheCallerAsItArrives() throws Exception {
        // output is flushed only when the upstream has nothing more buffered: spaced events must stay spaced
        gw.sim.script("gpt-4.1-mini", Step.ok("a b c d e").withFault(Fault.slowEvents(Duration.ofMillis(120))));
        HttpResponse<java.io.InputStream> raw = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Long> contentArrivals = new ArrayList<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(raw.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) contentArrivals.add(System.nanoTime());
            }
        }
        assertThat(contentArrivals).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < contentArrivals.size(); i++) {
            assertThat(Duration.ofNanos(contentArrivals.get(i) - contentArrivals.get(i - 1)))
                    .as("gap before content event %d", i).isGreaterThan(Duration.ofMillis(60));
        }
    }

    @Test
    void sdkStream_upstreamDropsAfterContent_endsWithErrorEventAndRowInterrupted() {
        gw.sim.script("gpt-4.1-mini", Step.ok("one two three four five six seven").withFault(Fault.dropAfterEvents(3)));
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(false))) {
                s.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(seen::add)));
            }
        }).isInstanceOf(com.openai.errors.OpenAIException.class);

        assertThat(seen).isNotEmpty();
        assertThat(gw.sim.requestsFor("qwen-plus")).as("no switch after content").isEmpty();
        UsageQueries ledger = gw.flushedLedger();
        var rows = ledger.summarize(List.of("status"), null, null);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.keys().get("status")).isEqualTo("interrupted"));
    }

    @Test
    void stream_upstreamStallsAfterContent_cutByIdleTimeout() throws Exception {
        gw.sim.script("gpt-4.1-mini", Step.ok("one two three four five").withFault(Fault.stallAfterEvents(2)));
        long start = System.nanoTime();

        HttpResponse<String> raw = rawStream();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(raw.body()).contains("data: {\"error\":").contains("deadline_exceeded").doesNotContain("[DONE]");
        String id = raw.headers().firstValue("X-Junction-Request-Id").orElseThrow();
        List<AttemptRow> attempts = gw.flushedLedger().findAttempts(id);
        assertThat(attempts).extracting(AttemptRow::outcome).containsExactly("interrupted");
    }

    @Test
    void sdkStream_callerClosesMidStream_upstreamCancelledAndRowCancelled() throws Exception {
        gw.sim.script("gpt-4.1-mini", Step.ok("a b c d e f g h i j k l m n o p").withFault(Fault.slowEvents(Duration.ofMillis(150))));
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(ask(false))) {
            Iterator<ChatCompletionChunk> it = s.stream().iterator();
            it.next();
            it.next();
        }

        SeenRequest upstream = gw.sim.requestsFor("gpt-4.1-mini").getFirst();
        assertThat(upstream.awaitClientDisconnected(Duration.ofSeconds(5))).as("upstream request cancelled").isTrue();
        UsageQueries ledger = gw.flushedLedger();
        assertThat(ledger.summarize(List.of("status"), null, null)).singleElement()
                .satisfies(r -> assertThat(r.keys().get("status")).isEqualTo("cancelled"));
    }

    @Test
    void sdkStream_toolCall_argumentsStreamedAsDeltasWithIndex() {
        gw.sim.script("gpt-4.1-mini", Step.toolCall("lookup", "{\"q\":\"invoice 7\"}"));
        var params = ChatCompletionCreateParams.builder().model("chat").addUserMessage("Find invoice 7")
                .addTool(com.openai.models.chat.completions.ChatCompletionFunctionTool.builder()
                        .function(com.openai.models.FunctionDefinition.builder().name("lookup").build()).build())
                .build();
        StringBuilder args = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<String> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = gw.client.chat().completions().createStreaming(params)) {
            s.stream().forEach(c -> c.choices().forEach(ch -> {
                ch.delta().toolCalls().ifPresent(calls -> calls.forEach(tc -> {
                    assertThat(tc.index()).isZero();
                    tc.function().flatMap(f -> f.name()).ifPresent(names::add);
                    tc.function().flatMap(f -> f.arguments()).ifPresent(args::append);
                }));
                ch.finishReason().ifPresent(f -> finish.add(f.asString()));
            }));
        }

        assertThat(names).containsExactly("lookup");
        assertThat(args.toString()).isEqualTo("{\"q\":\"invoice 7\"}");
        assertThat(finish).containsExactly("tool_calls");
    }

    private HttpResponse<String> rawStream() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
