package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config hot reload: routes swap atomically under load, broken files are refused and the old config keeps serving. */
class ReloadIT {
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
              qwen:   { api: openai, baseUrl: "${SIM}", apiKey: sim-qwen }
            routes:
              support_chat: { primary: %s }
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            """;

    OpsFixture gw;

    @BeforeEach void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        boolean watch = test.getTestMethod().orElseThrow().getName().startsWith("fileEdit");
        gw = new OpsFixture(CONFIG.formatted("openai/gpt-4.1-mini"), null, watch);
    }

    @AfterEach void stop() { gw.close(); }

    private static ChatCompletionCreateParams ask() {
        return ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hello").build();
    }

    /** Requests sent back to back on two threads until stopped; each served model, and each failure. */
    private record Load(List<String> served, ConcurrentLinkedQueue<Throwable> failures, AtomicBoolean running, List<Thread> threads) {
        static Load start(OpenAIClient client) {
            Load load = new Load(new CopyOnWriteArrayList<>(), new ConcurrentLinkedQueue<>(), new AtomicBoolean(true), new CopyOnWriteArrayList<>());
            for (int i = 0; i < 2; i++) {
                load.threads.add(Thread.ofPlatform().start(() -> {
                    while (load.running.get()) {
                        try {
                            load.served.add(client.chat().completions().create(ask()).model());
                        } catch (Throwable t) {
                            load.failures.add(t);
                        }
                    }
                }));
            }
            return load;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join(10_000);
        }
    }

    @Test
    void reloadEndpoint_underLoad_swapsTheRouteWithoutAFailedRequest() throws Exception {
        Load load = Load.start(gw.client("unused"));
        await().atMost(Duration.ofSeconds(10)).until(() -> load.served.size() >= 20);

        gw.writeConfig(CONFIG.formatted("qwen/qwen-plus"));
        var res = gw.post("/v1/junction/reload", "", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> load.served.stream().filter("qwen/qwen-plus"::equals).count() >= 20);
        load.stop();

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"version\":2");
        assertThat(load.failures).isEmpty();
        int firstNew = load.served.indexOf("qwen/qwen-plus");
        assertThat(load.served.subList(0, firstNew)).containsOnly("openai/gpt-4.1-mini");
        // after the swap no new request lands on the old route (a few already in flight on the other thread may finish on it)
        assertThat(load.served.subList(firstNew, load.served.size()).stream().filter("openai/gpt-4.1-mini"::equals).count()).isLessThanOrEqualTo(2);
        assertThat(gw.gateway.junctions().version()).isEqualTo(2);
    }

    @Test
    void fileEdit_watched_swapsTheRoute() throws Exception {
        gw.writeConfig(CONFIG.formatted("qwen/qwen-turbo"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(gw.client("unused").chat().completions().create(ask()).model()).isEqualTo("qwen/qwen-turbo"));
    }

    @Test
    void reloadEndpoint_brokenFile_is400WithTheReasonAndTheOldConfigKeepsServing() throws Exception {
        gw.writeConfig(CONFIG.formatted("nobody/gpt-4.1-mini"));

        var res = gw.post("/v1/junction/reload", "", Map.of());

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("invalid_config").contains("routes.support_chat.primary: unknown provider 'nobody'");
        assertThat(gw.client("unused").chat().completions().create(ask()).model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(gw.gateway.junctions().version()).isEqualTo(1);
    }
}
