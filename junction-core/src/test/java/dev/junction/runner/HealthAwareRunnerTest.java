package dev.junction.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.error.ErrorClass;
import dev.junction.error.JunctionException;
import dev.junction.model.Message;
import dev.junction.testing.EventRecorder;
import dev.junction.testing.FakeClock;
import dev.junction.testing.ScriptedAdapter;
import dev.junction.usage.UsageSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The runner with cross-request health: breakers skip unwell models, cool-downs honour provider waits. */
class HealthAwareRunnerTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedAdapter openai = new ScriptedAdapter();
    private final ScriptedAdapter qwen = new ScriptedAdapter();
    private final EventRecorder recorder = new EventRecorder();
    private final Junction junction = Junction.builder(new ConfigLoader(Map.of()).parse("""
            providers:
              openai: { api: openai, baseUrl: http://127.0.0.1:9/v1 }
              qwen:   { api: openai, baseUrl: http://127.0.0.1:9/v1 }
            routes:
              chat: { primary: openai/gpt-4.1-mini, fallback: [qwen/qwen-plus] }
              solo: { primary: openai/gpt-4.1-mini }
            """, "t.yaml")).clock(clock).random(new Random(1)).sleeper(clock::advance)
            .adapter("openai", openai).adapter("qwen", qwen).usageSink(UsageSink.NONE).listener(recorder).build();

    private GenerateResult ask(String task) {
        return junction.generate(GenerateRequest.of(task, List.of(Message.user("hi")), "c"));
    }

    @Test
    void run_fiveServerErrors_opensCircuitAndLaterRequestsSkipWithoutCalling() {
        for (int i = 0; i < 5; i++) openai.fail("gpt-4.1-mini", ErrorClass.SERVER_ERROR, 500);
        for (int i = 0; i < 5; i++) ask("chat");

        GenerateResult sixth = ask("chat");

        assertThat(openai.calls()).hasSize(5);
        assertThat(sixth.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(sixth.attempts().getFirst().outcome().ledgerName()).isEqualTo("skipped:circuit-open");
    }

    @Test
    void run_circuitOpenPeriodOver_probeSucceedsAndPrimaryServesAgain() {
        for (int i = 0; i < 5; i++) openai.fail("gpt-4.1-mini", ErrorClass.OVERLOADED, 529);
        for (int i = 0; i < 5; i++) ask("chat");
        clock.advance(Duration.ofSeconds(10));

        GenerateResult probe = ask("chat");

        assertThat(probe.servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(ask("chat").servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
    }

    @Test
    void run_rateLimited_modelCoolsDownForProviderWaitThenIsCalledAgain() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(2)));
        ask("chat");

        GenerateResult during = ask("chat");
        clock.advance(Duration.ofSeconds(2));
        GenerateResult after = ask("chat");

        assertThat(during.attempts().getFirst().outcome().ledgerName()).isEqualTo("skipped:cooling-down");
        assertThat(after.servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(openai.calls()).hasSize(2);
    }

    @Test
    void run_onlyCandidateCoolingDown_returns429WithRemainingWait() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(4)));
        assertThatThrownBy(() -> ask("solo")).isInstanceOf(JunctionException.UpstreamFailed.class);
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ask("solo")).isInstanceOfSatisfying(JunctionException.UpstreamFailed.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(openai.calls()).hasSize(1);
    }

    @Test
    void run_invalidRequests_neverOpenTheCircuit() {
        for (int i = 0; i < 8; i++) openai.fail("gpt-4.1-mini", ErrorClass.INVALID_REQUEST, 400);
        for (int i = 0; i < 8; i++) assertThatThrownBy(() -> ask("chat")).isInstanceOf(JunctionException.InvalidRequest.class);

        assertThat(ask("chat").servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
    }
}
