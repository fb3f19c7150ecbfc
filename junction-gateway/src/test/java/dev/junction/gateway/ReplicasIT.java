package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.simulator.Simulator;
import dev.junction.state.RedisTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern LISTENING = Pattern.compile("Junction listening on http://([^:]+):(\\d+)/v1");

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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.junction.gateway.cli.Main", "serve", "--config", config.toString(), "--port", "0", "--no-watch")
                .redirectError(dir.resolve(name + ".log").toFile());
        pb.environment().put("SIM", sim.openAiBaseUrl());
        pb.environment().put("STORE", "jdbc:sqlite:" + dir.resolve(name + ".db"));
        pb.environment().put("JOURNAL", dir.resolve(name + "-journal").toString());
        Process p = pb.start();
        replicas.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) return Integer.parseInt(m.group(2));
                }
                throw new IllegalStateException(name + " exited before listening; see " + dir.resolve(name + ".log"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
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
