package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.simulator.Simulator;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway process killed with SIGKILL right after answering loses no usage row: every finished
 * request's row is on disk before the answer goes out, and the next start stores what was left.
 */
class KillRecoveryIT {
    private static final Pattern LISTENING = Pattern.compile("Junction listening on http://([^:]+):(\\d+)/v1");

    Simulator sim;
    final List<Process> processes = new ArrayList<>();

    @AfterEach void stopAll() {
        processes.forEach(Process::destroyForcibly);
        if (sim != null) sim.close();
    }

    private int start(Path config, Path dir, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.junction.gateway.cli.Main", "serve", "--config", config.toString(), "--port", "0", "--no-watch")
                .redirectError(dir.resolve(name + ".log").toFile());
        pb.environment().put("SIM", sim.openAiBaseUrl());
        pb.environment().put("STORE", "jdbc:sqlite:" + dir.resolve("usage.db"));
        pb.environment().put("JOURNAL", dir.resolve("journal").toString());
        Process p = pb.start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) return Integer.parseInt(m.group(2));
                }
                throw new IllegalStateException(name + " exited before listening; see " + dir.resolve(name + ".log"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void sigkill_rightAfterAnswers_nextStartHasEveryFinishedRequestsRow() throws Exception {
        sim = Simulator.start();
        Path dir = Files.createTempDirectory("junction-kill-it");
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, """
                providers:
                  openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
                routes:
                  support_chat: { primary: openai/gpt-4.1-mini }
                usage: { store: "${STORE}", journal: "${JOURNAL}" }
                """);
        int port = start(config, dir, "first");
        int answered = 0;
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("unused")
                .maxRetries(0).build();
        for (int i = 0; i < 40; i++) {
            client.chat().completions().create(ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hi " + i).build());
            answered++;
        }
        client.close();
        Process first = processes.getFirst();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        first.waitFor(10, TimeUnit.SECONDS);

        start(config, dir, "second");
        Process second = processes.getLast();
        second.destroy(); // SIGTERM: a clean stop flushes whatever it replayed
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (JdbcUsageStore store = JdbcUsageStore.connect("jdbc:sqlite:" + dir.resolve("usage.db"))) {
            assertThat(store.queries().countUsageRows()).isEqualTo(answered);
        }
    }
}
