package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.route.ModelId;
import dev.junction.route.Route;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-test-123",
            "JUNCTION_ADMIN_KEY", "admin-key-0123456789"));

    static Stream<Path> badConfigs() throws IOException, URISyntaxException {
        Path dir = Path.of(ConfigLoaderTest.class.getResource("/config/bad").toURI());
        return Files.list(dir).sorted();
    }

    /** Each bad file states, in {@code # expect:} lines, exactly the problems it must be rejected with. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void read_badConfig_rejectedWithExactPathNamedProblems(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> expected = lines.stream().filter(l -> l.startsWith("# expect: ")).map(l -> l.substring(10)).toList();
        List<String> prefixes = lines.stream().filter(l -> l.startsWith("# expect-prefix: ")).map(l -> l.substring(17)).toList();

        assertThatThrownBy(() -> loader.read(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            if (!expected.isEmpty()) assertThat(e.problems()).containsExactlyInAnyOrderElementsOf(expected);
            prefixes.forEach(p -> assertThat(e.problems()).singleElement().asString().startsWith(p));
        });
    }

    @Test
    void read_issueExample_compilesRoutesCatalogAndSecrets() throws Exception {
        JunctionConfig c = loader.read(Path.of(getClass().getResource("/config/good/issue-example.yaml").toURI()));

        Route r = c.routes().resolve("data_extraction");
        assertThat(r.primary()).extracting(w -> w.model().toString()).containsExactly("openai/gpt-4.1-mini");
        assertThat(r.fallback()).containsExactly(ModelId.parse("qwen/qwen-plus"));
        assertThat(r.maxLatencyMs()).isEqualTo(3000);
        assertThat(r.maxInputTokens()).isEqualTo(100000);
        assertThat(r.allowFallback()).isTrue();
        assertThat(c.providers().get("openai").apiKey().reveal()).isEqualTo("sk-test-123");
        assertThat(c.providers().get("openai").toString()).doesNotContain("sk-test-123");
        assertThat(c.providers().get("qwen").apiKey().reveal()).isEqualTo("none");
        assertThat(c.catalog().lookup(ModelId.parse("openai/house-model")).contextWindow()).isEqualTo(8000);
        assertThat(c.catalog().lookup(ModelId.parse("qwen/qwen-plus")).prices()).isNotNull();
        assertThat(c.routes().resolve("canary").primary()).extracting(w -> w.weight()).containsExactly(90, 10);
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.usage().store()).isEqualTo("jdbc:sqlite:./junction.db");
    }

    @Test
    void read_operationsSections_compileStateAuthLimitsAndTelemetry() throws Exception {
        JunctionConfig c = loader.read(Path.of(getClass().getResource("/config/good/operations.yaml").toURI()));

        assertThat(c.state().url().getHost()).isEqualTo("127.0.0.1");
        assertThat(c.state().keyPrefix()).isEqualTo(ConfigDefaults.STATE_KEY_PREFIX);
        assertThat(c.state().toString()).doesNotContain("s3cret").contains("127.0.0.1:6379/2");
        assertThat(c.auth().keysRequired()).isTrue();
        assertThat(c.auth().adminKey().reveal()).isEqualTo("admin-key-0123456789");
        assertThat(c.limits().forCustomer("acme")).isEqualTo(new LimitSpec(10, null, null, null));
        assertThat(c.limits().forCustomer("someone")).isEqualTo(new LimitSpec(600, 200000L, 50.0, 1000.0));
        assertThat(c.limits().forCustomer(null).isEmpty()).isTrue();
        assertThat(c.telemetry().otlpEndpoint()).hasToString("http://127.0.0.1:4318");
    }

    @Test
    void read_withoutOperationsSections_runsOpenInProcessWithoutTraces() throws Exception {
        JunctionConfig c = loader.read(Path.of(getClass().getResource("/config/good/issue-example.yaml").toURI()));

        assertThat(c.state()).isNull();
        assertThat(c.auth().mode()).isEqualTo(AuthConfig.Mode.OPEN);
        assertThat(c.auth().adminKey()).isNull();
        assertThat(c.limits().forCustomer("anyone").isEmpty()).isTrue();
        assertThat(c.telemetry().tracesEnabled()).isFalse();
    }

    @Test
    void resolve_directIdOfConfiguredProvider_isASingleModelRoute() {
        JunctionConfig c = loader.parse("""
                providers: { openai: { api: openai, baseUrl: "http://127.0.0.1:1/v1" } }
                routes: { chat: { primary: openai/gpt-4.1 } }
                """, "x.yaml");

        assertThat(c.routes().resolve("openai/some-new-model").direct()).isTrue();
        assertThat(c.routes().resolve("nobody/some-model")).isNull();
        assertThat(c.routes().resolve("chat").direct()).isFalse();
    }

    @Test
    void substitution_defaultUsedWhenVariableUnsetOrEmpty() {
        EnvSubstitution env = new EnvSubstitution(Map.of("EMPTY", "", "SET", "v"));

        assertThat(env.apply("${UNSET:-d}")).isEqualTo("d");
        assertThat(env.apply("${EMPTY:-d}")).isEqualTo("d");
        assertThat(env.apply("a-${SET}-${SET:-x}-b")).isEqualTo("a-v-v-b");
        assertThat(env.apply("no vars")).isEqualTo("no vars");
    }
}
