package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.simulator.Simulator;
import dev.junction.state.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes ({@code junction serve}, each a child JVM) on one Redis: a customer's requests-per-minute
 * limit holds across both, and each process stops gracefully on SIGTERM. Skips without Redis, fails under CI=true.
 */
@Tag("redis")
class ReplicasIT {
    static final RedisTestServer REDIS = new RedisTestServer();

    Simulator sim;
    final List<Process> replicas = new ArrayList<>();

    @BeforeAll static void requireRedis() { REDIS.assumeReachable(); }

    @AfterAll static void cleanRedis() { REDIS.deleteKeys(); }

    @AfterEach void stopAll() {
        replicas.forEach(Process::destroyForcibly);
        if (sim != null) sim.close();
    }

    /** Starts {@code junction serve --config F --port 0} in a child JVM; returns its port once it listens. */
    private int startReplica(Path config, Path dir, String name) throws Exception {
        ChildGateway g = ChildGateway.start(config, dir.resolve(name + ".log"), Map.of("SIM", sim.openAiBaseUrl(),
                "STORE", "jdbc:sqlite:" + dir.resolve(name + ".db"), "JOURNAL", dir.resolve(name + "-journal").toString()));
        replicas.add(g.process());
        return g.port();
    }

    private static OpenAIClient client(int port) {
        return OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("unused").maxRetries(0).build();
    }

    @Test
    void customerRpm_twoReplicasOnOneRedis_holdsAcrossBoth() throws Exception {
        sim = Simulator.start();
        Path dir = Files.createTempDirectory("junction-replicas-it");
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, """
                providers:
                  openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
                routes:
                  support_chat: { primary: openai/gpt-4.1-mini }
                usage: { store: "${STORE}", journal: "${JOURNAL}" }
                state: { url: "%s", keyPrefix: "%s" }
                limits:
                  customers:
                    default: { rpm: 5 }
                server: { shutdownGraceMs: 5000 }
                """.formatted(RedisTestServer.URL, REDIS.prefix() + "replicas:"));
        int a = startReplica(config, dir, "replica-a");
        int b = startReplica(config, dir, "replica-b");
        var ask = ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hello").user("acme").build();

        List<String> outcomes = new ArrayList<>();
        OpenAIClient ca = client(a);
        OpenAIClient cb = client(b);
        try {
            for (int i = 0; i < 3; i++) {
                for (OpenAIClient c : List.of(ca, cb)) {
                    try {
                        c.chat().completions().create(ask);
                        outcomes.add("ok");
                    } catch (RateLimitException e) {
                        outcomes.add(e.code().orElse("?"));
                    }
                }
            }
        } finally {
            ca.close();
            cb.close();
        }

        assertThat(outcomes).containsExactly("ok", "ok", "ok", "ok", "ok", "rate_limit_exceeded");
        assertThat(sim.requestsFor("gpt-4.1-mini")).hasSize(5);
        for (Process p : replicas) {
            p.destroy(); // SIGTERM: stop accepting, finish in-flight work, flush the ledger, exit 0
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertThat(Files.readString(dir.resolve("replica-a.log"))).contains("limits and budgets shared through redis://127.0.0.1:6379");
    }
}
