package dev.junction.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.simulator.fault.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport faults, played through the OpenAI persona (they act the same for every persona). */
class TransportFaultsIT {

    private static final String MODEL = "gpt-faulty";
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Simulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clean() {
        simulator.reset();
    }

    private static java.net.http.HttpRequest.Builder request(boolean stream) {
        return Wire.post(simulator.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer sk-test");
    }

    @Test
    void reset_closesTheSocketWithoutAnyResponse() {
        simulator.script(MODEL, Step.fault(Fault.reset()));

        assertThatThrownBy(() -> Wire.send(request(false))).isInstanceOf(IOException.class);
        assertThat(simulator.requestsFor(MODEL)).hasSize(1);
    }

    @Test
    void delay_waitsBeforeTheHeadersThenRepliesNormally() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.delay(Duration.ofMillis(300))));

        long start = System.nanoTime();
        HttpResponse<String> response = Wire.send(request(false));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Wire.parses(response.body())).isTrue();
    }

    @Test
    void withDelay_combinesWithAnErrorKind() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.overloaded()).withDelay(Duration.ofMillis(200)));

        long start = System.nanoTime();
        HttpResponse<String> response = Wire.send(request(false));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(response.statusCode()).isEqualTo(503);
    }

    @Test
    void malformedBody_nonStream_is200WithBrokenJson() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.malformedBody()));

        HttpResponse<String> response = Wire.send(request(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":");
        assertThat(Wire.parses(response.body())).isFalse();
    }

    @Test
    void malformedBody_stream_insertsOneBrokenEventAndStillCompletes() throws Exception {
        simulator.script(MODEL, Step.ok("alpha beta gamma delta").withFault(Fault.malformedBody()));

        List<String> events = Wire.events(Wire.send(request(true)).body(), "\n\n");

        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        List<String> broken = events.stream().filter(e -> !e.equals("data: [DONE]") && !Wire.parses(e.substring(6))).toList();
        assertThat(broken).hasSize(1);
        assertThat(broken.getFirst()).startsWith("data: {");
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            if (event.equals("data: [DONE]") || !Wire.parses(event.substring(6))) continue;
            text.append(Wire.json(event.substring(6)).get("choices").get(0).get("delta").path("content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("alpha beta gamma delta");
    }

    @Test
    void dropAfterEvents_stream_sendsNEventsThenFailsTheBodyRead() throws Exception {
        simulator.script(MODEL, Step.ok("one two three four five").withFault(Fault.dropAfterEvents(3)));

        HttpResponse<InputStream> response = Wire.open(request(true));

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream in = response.body()) {
            String first = Wire.readEvents(in, 3, "\n\n");
            assertThat(Wire.events(first, "\n\n")).hasSize(3);
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void dropAfterEvents_nonStream_cutsTheBodyShortOfItsContentLength() {
        simulator.script(MODEL, Step.fault(Fault.dropAfterEvents(0)));

        assertThatThrownBy(() -> Wire.send(request(false))).isInstanceOf(IOException.class);
    }

    @Test
    void truncateAfterEvents_stream_endsTheBodyCleanlyWithoutDone() throws Exception {
        simulator.script(MODEL, Step.ok("one two three four five").withFault(Fault.truncateAfterEvents(3)));

        HttpResponse<String> response = Wire.send(request(true));

        assertThat(Wire.events(response.body(), "\n\n")).hasSize(3);
        assertThat(response.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
    }

    @Test
    void truncateAfterEvents_largerThanTheStream_stillWithholdsTheTerminator() throws Exception {
        simulator.script(MODEL, Step.ok("short").withFault(Fault.truncateAfterEvents(100)));

        HttpResponse<String> response = Wire.send(request(true));

        assertThat(response.body()).contains("finish_reason\":\"stop").doesNotContain("[DONE]");
    }

    @Test
    void stallAfterEvents_clientCancels_isObservedAsClientDisconnected() throws Exception {
        simulator.script(MODEL, Step.ok("one two three four").withFault(Fault.stallAfterEvents(2)));

        HttpResponse<InputStream> response = Wire.open(request(true));
        InputStream in = response.body();
        assertThat(Wire.events(Wire.readEvents(in, 2, "\n\n"), "\n\n")).hasSize(2);
        SeenRequest seen = simulator.requestsFor(MODEL).getFirst();
        assertThat(seen.clientDisconnected()).isFalse();
        in.close();

        assertThat(seen.awaitClientDisconnected(AWAIT)).isTrue();
        assertThat(seen.responseCompleted()).isFalse();
    }

    @Test
    void slowEvents_clientCancelsMidStream_isObservedAsClientDisconnected() throws Exception {
        simulator.script(MODEL, Step.ok("a b c d e f g h i j").withFault(Fault.slowEvents(Duration.ofMillis(100))));

        HttpResponse<InputStream> response = Wire.open(request(true));
        InputStream in = response.body();
        Wire.readEvents(in, 2, "\n\n");
        in.close();

        assertThat(simulator.requestsFor(MODEL).getFirst().awaitClientDisconnected(AWAIT)).isTrue();
    }

    @Test
    void stall_clientTimesOut_isObservedAsClientDisconnected() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.stall()));

        assertThatThrownBy(() -> Wire.send(request(false).timeout(Duration.ofMillis(300))))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);

        assertThat(simulator.requestsFor(MODEL).getFirst().awaitClientDisconnected(AWAIT)).isTrue();
    }

    @Test
    void stallAfterEvents_nonStream_sendsHeadersButNoBody() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.stallAfterEvents(0)));

        HttpResponse<InputStream> response = Wire.open(request(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("content-length").orElseThrow()).isPositive();
        response.body().close();
    }

    @Test
    void completedReply_isMarkedCompletedAndNotDisconnected() throws Exception {
        Wire.send(request(true));

        SeenRequest seen = simulator.requestsFor(MODEL).getFirst();
        assertThat(seen.progress().awaitCompleted(AWAIT)).isTrue();
        assertThat(seen.clientDisconnected()).isFalse();
    }

    @Test
    void raw_sendsExactlyTheGivenStatusHeadersAndBody() throws Exception {
        simulator.script(MODEL, Step.fault(Fault.raw(418, Map.of("x-custom", "yes", "content-type", "text/plain"), "teapot")));

        HttpResponse<String> response = Wire.send(request(false));

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.headers().firstValue("x-custom")).hasValue("yes");
        assertThat(response.body()).isEqualTo("teapot");
    }

    @Test
    void close_endsAStalledStreamForTheClient() throws Exception {
        Simulator own = Simulator.start();
        own.script(MODEL, Step.fault(Fault.stallAfterEvents(1)));
        HttpResponse<InputStream> response = Wire.open(Wire.post(own.openAiBaseUrl() + "/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer k"));
        InputStream in = response.body();
        Wire.readEvents(in, 1, "\n\n");

        own.close();

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        assertThat(own.requests().getFirst().clientDisconnected()).isFalse();
    }

    @Test
    void keepAlive_severalRequestsOnOneClientAllSucceed() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(Wire.send(request(i % 2 == 0)).statusCode()).isEqualTo(200);
        }
        assertThat(simulator.requestsFor(MODEL)).hasSize(5);
        assertThat(new String(simulator.requests().getFirst().body(), StandardCharsets.UTF_8)).contains(MODEL);
    }
}
