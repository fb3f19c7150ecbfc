package dev.junction.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.ledger.report.UsageQueries;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Gateway keys, per-key and per-customer limits and budgets, and the admin key, through the official OpenAI SDK. */
class KeysAndLimitsIT {
    static final String ADMIN = "admin-key-for-tests-0123";
    static final String CONFIG = """
            providers:
              openai: { api: openai, baseUrl: "${SIM}", apiKey: sim-openai }
            routes:
              support_chat: { primary: openai/gpt-4.1-mini }
              data_extraction: { primary: openai/gpt-4.1-nano }
            usage: { store: "${STORE}", journal: "${JOURNAL}" }
            auth: { mode: keys, adminKey: "%s" }
            limits:
              customers:
                default: { rpm: 100 }
                tiny-co: { rpm: 1 }
            """.formatted(ADMIN);

    OpsFixture gw;

    @BeforeEach void start() throws Exception { gw = new OpsFixture(CONFIG); }

    @AfterEach void stop() { gw.close(); }

    private static ChatCompletionCreateParams ask(String task) {
        return ChatCompletionCreateParams.builder().model(task).addUserMessage("Summarise ticket 42: printer is on fire").build();
    }

    private static String header(HttpResponseFor<?> r, String name) {
        return r.headers().values(name).stream().findFirst().orElse(null);
    }

    @Test
    void keysCreate_printsOnlyTheKeyOnStdout_andListNeverShowsIt() {
        OpsFixture.CliRun created = gw.cli("keys", "create", "--config", gw.configFile.toString(), "--name", "svc-billing", "--rpm", "60");
        String key = created.out().strip();

        assertThat(created.code()).isZero();
        assertThat(created.out().lines()).singleElement().asString().startsWith("jk_");
        assertThat(created.err()).contains("svc-billing").doesNotContain(key);
        OpsFixture.CliRun list = gw.cli("keys", "list", "--config", gw.configFile.toString(), "--json");
        assertThat(list.out()).contains("\"name\":\"svc-billing\"", "\"rpm\":60", "\"state\":\"live\"").doesNotContain(key);
    }

    @Test
    void sdkCreate_validKey_servesAndStampsTheKeyIdOnTheUsageRow() {
        String key = gw.createKey("--name", "svc-support");

        HttpResponseFor<ChatCompletion> raw = gw.client(key).chat().completions().withRawResponse().create(ask("support_chat"));

        assertThat(raw.parse().model()).isEqualTo("openai/gpt-4.1-mini");
        String requestId = header(raw, "X-Junction-Request-Id");
        String keyId = gw.cli("keys", "list", "--config", gw.configFile.toString(), "--json").out().replaceAll("(?s).*\"id\":\"(key_[0-9a-f]+)\".*", "$1");
        UsageQueries ledger = gw.flushedLedger();
        assertThat(ledger.findUsage(requestId)).hasValueSatisfying(row -> assertThat(row.apiKeyId()).isEqualTo(keyId));
    }

    @Test
    void sdkCreate_missingOrUnknownKey_is401InvalidApiKey() {
        assertThatThrownBy(() -> gw.client("jk_made-up").chat().completions().create(ask("support_chat")))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.code()).hasValue("invalid_api_key"));
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).isEmpty();
    }

    @Test
    void sdkCreate_revokedKey_is401WithinASecond() {
        String key = gw.createKey("--name", "svc-old");
        gw.client(key).chat().completions().create(ask("support_chat"));

        assertThat(gw.cli("keys", "revoke", "--config", gw.configFile.toString(), "svc-old").code()).isZero();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> gw.client(key).chat().completions().create(ask("support_chat")))
                        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.getMessage()).contains("revoked")));
    }

    @Test
    void sdkCreate_expiredKey_is401() {
        String key = gw.createKey("--name", "svc-temp", "--expires", "2020-01-01T00:00:00Z");

        assertThatThrownBy(() -> gw.client(key).chat().completions().create(ask("support_chat")))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.getMessage()).contains("expired"));
    }

    @Test
    void sdkCreate_taskOutsideTheKeysTasks_is403AndLeavesARow() {
        String key = gw.createKey("--name", "svc-extract", "--tasks", "data_extraction");
        gw.client(key).chat().completions().create(ask("data_extraction"));

        assertThatThrownBy(() -> gw.client(key).chat().completions().create(ask("support_chat")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.code()).hasValue("task_not_allowed");
                    assertThat(e.getMessage()).contains("data_extraction");
                });
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).isEmpty();
    }

    @Test
    void sdkCreate_overTheKeysRpm_is429WithRetryAfterAndTheRowSaysSo() {
        String key = gw.createKey("--name", "svc-slow", "--rpm", "2");
        gw.client(key).chat().completions().create(ask("support_chat"));
        gw.client(key).chat().completions().create(ask("support_chat"));

        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimitException.class,
                () -> gw.client(key).chat().completions().withRawResponse().create(ask("support_chat")));

        assertThat(thrown.code()).hasValue("rate_limit_exceeded");
        assertThat(Long.parseLong(thrown.headers().values("retry-after").getFirst())).isBetween(1L, 60L);
        String requestId = thrown.headers().values("X-Junction-Request-Id").getFirst();
        assertThat(gw.sim.requestsFor("gpt-4.1-mini")).hasSize(2);
        UsageQueries ledger = gw.flushedLedger();
        assertThat(ledger.findUsage(requestId)).hasValueSatisfying(row -> {
            assertThat(row.errorClass()).isEqualTo("rate_limit_exceeded");
            assertThat(row.task()).isEqualTo("support_chat");
            assertThat(row.status()).isEqualTo("error");
        });
    }

    @Test
    void sdkCreate_dailyBudgetSpent_is429BudgetExceeded() {
        String key = gw.createKey("--name", "svc-thrifty", "--budget-usd-day", "0.0000001");
        gw.client(key).chat().completions().create(ask("support_chat")); // costs more than the whole budget

        assertThatThrownBy(() -> gw.client(key).chat().completions().create(ask("support_chat")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).hasValue("budget_exceeded");
                    assertThat(e.headers().values("retry-after")).isNotEmpty();
                });
    }

    @Test
    void sdkCreate_customerOverItsOwnRpm_is429WhileOtherCustomersPass() {
        String key = gw.createKey("--name", "svc-shared");
        var asTiny = ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hi").user("tiny-co").build();
        var asOther = ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hi").user("big-co").build();
        gw.client(key).chat().completions().create(asTiny);

        assertThatThrownBy(() -> gw.client(key).chat().completions().create(asTiny))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getMessage()).contains("customer 'tiny-co'"));
        assertThat(gw.client(key).chat().completions().create(asOther).model()).isEqualTo("openai/gpt-4.1-mini");
    }

    @Test
    void adminEndpoints_needTheAdminKey() throws Exception {
        assertThat(gw.post("/v1/junction/reload", "", Map.of()).statusCode()).isEqualTo(401);
        assertThat(gw.post("/v1/junction/reload", "", Map.of("Authorization", "Bearer wrong-admin-key-000")).statusCode()).isEqualTo(401);

        var ok = gw.post("/v1/junction/reload", "", Map.of("Authorization", "Bearer " + ADMIN));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"version\":2");
    }

    @Test
    void accessLog_oneJsonLinePerRequest_withoutPromptOrKey() {
        Logger access = (Logger) LoggerFactory.getLogger("junction.access");
        ch.qos.logback.classic.Level quietLevel = access.getLevel();
        access.setLevel(ch.qos.logback.classic.Level.INFO); // the test logging config turns it off elsewhere
        try {
            String key = gw.createKey("--name", "svc-logged");
            int before = gw.accessLines().size();
            var params = ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("Summarise ticket 42: printer is on fire")
                    .user("acme").build();
            gw.client(key).chat().completions().create(params);

            // the line is queued after the answer has gone out, and written within the writer's interval
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(gw.accessLines()).hasSize(before + 1));
            String line = gw.accessLines().getLast();
            assertThat(line).startsWith("{\"time\":\"").endsWith("}");
            assertThat(line).contains("\"path\":\"/v1/chat/completions\"", "\"status\":200", "\"task\":\"support_chat\"",
                    "\"model\":\"openai/gpt-4.1-mini\"", "\"attempts\":1", "\"fallback\":false", "\"customer\":\"acme\"",
                    "\"apiKeyId\":\"key_", "\"requestId\":\"req_", "\"latencyMs\":");
            assertThat(line).doesNotContain("printer", key);
        } finally {
            access.setLevel(quietLevel);
        }
    }

    @Test
    void accessLog_offBelowInfo() {
        gw.client(gw.createKey("--name", "svc-quiet")).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("support_chat").addUserMessage("hi").build());
        assertThat(gw.accessLines()).isEmpty();
    }
}
