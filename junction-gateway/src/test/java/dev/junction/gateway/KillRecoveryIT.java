package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway process killed with SIGKILL right after answering loses no usage row: every finished
 * request's row is on disk before the answer goes out, and the next start stores what was left.
 */
class KillRecoveryIT {
    Simulator sim;
    final List<Process> processes = new ArrayList<>();

    @AfterEach void stopAll() {
        processes.forEach(Process::destroyForcibly);
        if (sim != null) sim.close();
    }

    private int start(Path config, Path dir, String name) throws Exception {
        ChildGateway g = ChildGateway.start(config, dir.resolve(name + ".log"), Map.of("SIM", sim.openAiBaseUrl(),
                "STORE", "jdbc:sqlite:" + dir.resolve("usage.db"), "JOURNAL", dir.resolve("journal").toString()));
        processes.add(g.process());
        return g.port();
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
