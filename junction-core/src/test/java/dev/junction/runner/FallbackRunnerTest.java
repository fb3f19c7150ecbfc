package dev.junction.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.error.JunctionException;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResult;
import dev.junction.model.FinishReason;
import dev.junction.model.Message;
import dev.junction.model.ToolSpec;
import dev.junction.model.Usage;
import dev.junction.testing.EventRecorder;
import dev.junction.testing.FakeClock;
import dev.junction.testing.ScriptedAdapter;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FallbackRunnerTest {
    private static final String PROVIDERS = """
            providers:
              openai:   { api: openai, baseUrl: http://127.0.0.1:9/v1 }
              qwen:     { api: openai, baseUrl: http://127.0.0.1:9/v1 }
              deepseek: { api: openai, baseUrl: http://127.0.0.1:9/v1 }
            """;

    private final FakeClock clock = new FakeClock();
    private final ScriptedAdapter openai = new ScriptedAdapter();
    private final ScriptedAdapter qwen = new ScriptedAdapter();
    private final ScriptedAdapter deepseek = new ScriptedAdapter();
    private final EventRecorder recorder = new EventRecorder();

    private Junction junction(String routes) {
        var config = new ConfigLoader(Map.of()).parse(PROVIDERS + routes, "test.yaml");
        return Junction.builder(config).clock(clock).random(new Random(7)).sleeper(clock::advance)
                .adapter("openai", openai).adapter("qwen", qwen).adapter("deepseek", deepseek)
                .usageSink(UsageSink.NONE).listener(recorder).build();
    }

    private static final String EXTRACTION = """
            routes:
              data_extraction:
                primary: openai/gpt-4.1-mini
                fallback: [qwen/qwen-plus]
                allowFallback: true
            """;

    private static GenerateRequest ask(String task) {
        return GenerateRequest.of(task, List.of(Message.user("Extract the invoice number")), "cust-1");
    }

    @Test
    void run_primaryOk_servesWithoutFallback() {
        GenerateResult r = junction(EXTRACTION).generate(ask("data_extraction"));

        assertThat(r.servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(r.fallback()).isFalse();
        assertThat(r.text()).isEqualTo("ok from gpt-4.1-mini");
        assertThat(r.costUsd()).isEqualTo((10 * 0.40 + 5 * 1.60) / 1_000_000, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(recorder.events()).containsExactly(
                "requestStart", "attemptStart openai/gpt-4.1-mini", "attemptEnd openai/gpt-4.1-mini ok", "requestEnd ok");
        UsageRecord row = recorder.onlyRow();
        assertThat(row.customerId()).isEqualTo("cust-1");
        assertThat(row.task()).isEqualTo("data_extraction");
        assertThat(row.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(row.usage()).isEqualTo(new Usage(10, 5));
    }

    @Test
    void run_rateLimitedThenOk_fallsBackOnce() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(1)));

        GenerateResult r = junction(EXTRACTION).generate(ask("data_extraction"));

        assertThat(r.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(r.fallback()).isTrue();
        assertThat(r.attemptCount()).isEqualTo(2);
        assertThat(recorder.events()).containsExactly("requestStart",
                "attemptStart openai/gpt-4.1-mini", "attemptEnd openai/gpt-4.1-mini rate_limited",
                "attemptStart qwen/qwen-plus", "attemptEnd qwen/qwen-plus ok", "requestEnd ok");
        assertThat(recorder.onlyRow().fallback()).isTrue();
        assertThat(recorder.onlyRow().attemptCount()).isEqualTo(2);
    }

    @Test
    void run_invalidRequest_returnsToCallerWithoutFallback() {
        openai.fail("gpt-4.1-mini", ErrorClass.INVALID_REQUEST, 400);

        assertThatThrownBy(() -> junction(EXTRACTION).generate(ask("data_extraction")))
                .isInstanceOfSatisfying(JunctionException.InvalidRequest.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.attempts()).hasSize(1);
                });
        assertThat(qwen.calls()).isEmpty();
        assertThat(recorder.onlyRow().errorClass()).isEqualTo("invalid_request");
    }

    @Test
    void run_authenticationFailure_skipsSameProviderAndServesFromAnother() {
        openai.fail("gpt-4.1-mini", ErrorClass.AUTHENTICATION, 401);
        Junction j = junction("""
                routes:
                  support_chat:
                    primary: openai/gpt-4.1-mini
                    fallback: [openai/gpt-4.1, qwen/qwen-plus]
                """);

        GenerateResult r = j.generate(ask("support_chat"));

        assertThat(r.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(openai.calledModels()).containsExactly("gpt-4.1-mini");
        assertThat(recorder.events()).containsExactly("requestStart",
                "attemptStart openai/gpt-4.1-mini", "attemptEnd openai/gpt-4.1-mini authentication",
                "skipped openai/gpt-4.1 skipped:credentials-failed",
                "attemptStart qwen/qwen-plus", "attemptEnd qwen/qwen-plus ok", "requestEnd ok");
    }

    @Test
    void run_credentialsFailedEarlier_laterRequestsSkipProviderWithoutCalling() {
        openai.fail("gpt-4.1-mini", ErrorClass.QUOTA_EXHAUSTED, 429);
        Junction j = junction(EXTRACTION);
        j.generate(ask("data_extraction"));

        GenerateResult second = j.generate(ask("data_extraction"));

        assertThat(second.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(openai.calls()).hasSize(1);
        assertThat(second.attempts().getFirst().outcome().ledgerName()).isEqualTo("skipped:credentials-failed");
    }

    @Test
    void run_allowFallbackFalse_returnsRateLimitToCaller() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(3)));
        Junction j = junction("""
                routes:
                  strict:
                    primary: openai/gpt-4.1-mini
                    fallback: [qwen/qwen-plus]
                    allowFallback: false
                """);

        assertThatThrownBy(() -> j.generate(ask("strict")))
                .isInstanceOfSatisfying(JunctionException.UpstreamFailed.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("upstream_rate_limited");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
        assertThat(qwen.calls()).isEmpty();
    }

    @Test
    void run_everyCandidateRateLimited_returns429WithShortestWait() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(20)));
        qwen.fail("qwen-plus", ScriptedAdapter.rateLimited(Duration.ofSeconds(4)));

        assertThatThrownBy(() -> junction(EXTRACTION).generate(ask("data_extraction")))
                .isInstanceOfSatisfying(JunctionException.UpstreamFailed.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(e.getMessage()).contains("openai/gpt-4.1-mini rate_limited", "qwen/qwen-plus rate_limited");
                });
        assertThat(recorder.onlyRow().errorClass()).isEqualTo("rate_limited");
    }

    @Test
    void run_mixedServerFailures_returns502() {
        openai.fail("gpt-4.1-mini", ErrorClass.SERVER_ERROR, 500);
        qwen.fail("qwen-plus", ErrorClass.CONNECTION, 0);

        assertThatThrownBy(() -> junction(EXTRACTION).generate(ask("data_extraction")))
                .isInstanceOfSatisfying(JunctionException.UpstreamFailed.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("upstream_error");
                    assertThat(e.attempts()).hasSize(2);
                });
        assertThat(recorder.onlyRow().status().wireName()).isEqualTo("error");
        assertThat(recorder.onlyRow().model()).isEqualTo("qwen/qwen-plus");
    }

    @Test
    void run_contextTooLong_onlyTriesLargerWindows() {
        deepseek.fail("deepseek-chat", ErrorClass.CONTEXT_TOO_LONG, 400);
        Junction j = junction("""
                routes:
                  long_doc:
                    primary: deepseek/deepseek-chat
                    fallback: [openai/gpt-4o, openai/gpt-4.1]
                """);

        GenerateResult r = j.generate(ask("long_doc"));

        assertThat(r.servedModel().toString()).isEqualTo("openai/gpt-4.1");
        assertThat(openai.calledModels()).containsExactly("gpt-4.1");
        assertThat(recorder.events()).contains("skipped openai/gpt-4o skipped:context-too-small");
    }

    @Test
    void run_retriesSet_retriesSameModelAfterProviderWait() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(1)));
        Junction j = junction("""
                routes:
                  chat:
                    primary: openai/gpt-4.1-mini
                    fallback: [qwen/qwen-plus]
                    retries: 1
                    maxLatencyMs: 10000
                """);
        var before = clock.instant();

        GenerateResult r = j.generate(ask("chat"));

        assertThat(r.servedModel().toString()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(r.fallback()).isFalse();
        assertThat(openai.calls()).hasSize(2);
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void run_retryWaitLongerThanBudget_movesOnAtOnce() {
        openai.fail("gpt-4.1-mini", ScriptedAdapter.rateLimited(Duration.ofSeconds(5)));
        Junction j = junction("""
                routes:
                  chat:
                    primary: openai/gpt-4.1-mini
                    fallback: [qwen/qwen-plus]
                    retries: 2
                    maxLatencyMs: 2000
                """);

        GenerateResult r = j.generate(ask("chat"));

        assertThat(r.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(openai.calls()).hasSize(1);
    }

    @Test
    void run_budgetSplitAcrossCandidates_eachAttemptGetsItsShare() {
        openai.onCall(c -> clock.advance(c.timeout()));
        openai.fail("gpt-4.1-mini", ErrorClass.TIMEOUT, 0).fail("gpt-4.1", ErrorClass.TIMEOUT, 0);
        Junction j = junction("""
                routes:
                  fast:
                    primary: openai/gpt-4.1-mini
                    fallback: [openai/gpt-4.1, qwen/qwen-plus]
                    maxLatencyMs: 3000
                """);

        GenerateResult r = j.generate(ask("fast"));

        assertThat(openai.calls()).extracting(c -> c.timeout().toMillis()).containsExactly(1000L, 1000L);
        assertThat(qwen.calls()).extracting(c -> c.timeout().toMillis()).containsExactly(1000L);
        assertThat(r.servedModel().toString()).isEqualTo("qwen/qwen-plus");
    }

    @Test
    void run_budgetSpent_returns504ListingAttempts() {
        openai.onCall(c -> clock.advance(c.timeout()));
        openai.fail("gpt-4.1-mini", ErrorClass.TIMEOUT, 0);
        Junction j = junction("""
                routes:
                  fast:
                    primary: openai/gpt-4.1-mini
                    fallback: [qwen/qwen-plus]
                    maxLatencyMs: 3000
                """);
        qwen.onCall(c -> clock.advance(c.timeout()));
        qwen.fail("qwen-plus", ErrorClass.TIMEOUT, 0);

        assertThatThrownBy(() -> j.generate(ask("fast")))
                .isInstanceOfSatisfying(JunctionException.UpstreamFailed.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(504);
                    assertThat(e.code()).isEqualTo("deadline_exceeded");
                    assertThat(e.getMessage()).contains("openai/gpt-4.1-mini timeout", "qwen/qwen-plus timeout");
                });
        assertThat(recorder.onlyRow().errorClass()).isEqualTo("deadline");
    }

    @Test
    void run_refusal_returnedToCallerUnlessRouteFallsBackOnRefusal() {
        ChatResult refusal = new ChatResult(Message.assistant(""), FinishReason.CONTENT_FILTER, new Usage(10, 0), "r", null);
        openai.answer("gpt-4.1-mini", refusal).answer("gpt-4.1-mini", refusal);

        GenerateResult kept = junction(EXTRACTION).generate(ask("data_extraction"));
        assertThat(kept.result().finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);

        GenerateResult movedOn = junction("""
                routes:
                  careful:
                    primary: openai/gpt-4.1-mini
                    fallback: [qwen/qwen-plus]
                    fallbackOnRefusal: true
                """).generate(ask("careful"));
        assertThat(movedOn.servedModel().toString()).isEqualTo("qwen/qwen-plus");
        assertThat(movedOn.attempts().getFirst().outcome().ledgerName()).isEqualTo("content_refused");
    }

    @Test
    void run_modelNotFound_movesOn() {
        openai.fail("gpt-4.1-mini", ErrorClass.MODEL_NOT_FOUND, 404);

        assertThat(junction(EXTRACTION).generate(ask("data_extraction")).servedModel().toString()).isEqualTo("qwen/qwen-plus");
    }

    @Test
    void run_unknownClassWith4xx_isTreatedAsInvalidRequest() {
        openai.fail("gpt-4.1-mini", new Failure(ErrorClass.UNKNOWN, 409, null, null, "conflict"));

        assertThatThrownBy(() -> junction(EXTRACTION).generate(ask("data_extraction")))
                .isInstanceOf(JunctionException.InvalidRequest.class);
        assertThat(qwen.calls()).isEmpty();
    }

    @Test
    void generate_unknownTask_failsWith404AndWritesRow() {
        assertThatThrownBy(() -> junction(EXTRACTION).generate(ask("no_such_task")))
                .isInstanceOfSatisfying(JunctionException.UnknownModel.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThat(recorder.onlyRow().errorClass()).isEqualTo("unknown_model");
    }

    @Test
    void generate_directModelId_servesThatModelOnly() {
        GenerateResult r = junction(EXTRACTION).generate(ask("deepseek/deepseek-chat"));

        assertThat(r.servedModel().toString()).isEqualTo("deepseek/deepseek-chat");
        assertThat(recorder.onlyRow().task()).isEqualTo("deepseek/deepseek-chat");
    }

    @Test
    void run_noCandidateHasCapability_returnsNoCandidateWithReasons() {
        Junction j = junction("""
                models:
                  openai/plain: { capabilities: [streaming] }
                routes:
                  tools_task:
                    primary: openai/plain
                """);
        ChatRequest withTools = new ChatRequest(List.of(Message.user("hi")), List.of(new ToolSpec("lookup", null, null, null)),
                null, null, null, null, null, null, null, false, false, null, null);

        assertThatThrownBy(() -> j.generate(new GenerateRequest("tools_task", withTools, "c", null, null, null)))
                .isInstanceOfSatisfying(JunctionException.NoCandidate.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("openai/plain: the request uses tools");
                });
        assertThat(openai.calls()).isEmpty();
        assertThat(recorder.onlyRow().attempts()).extracting(a -> a.outcome().ledgerName()).containsExactly("skipped:capability-missing");
    }
}
