package dev.junction.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ProviderConfig;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResult;
import dev.junction.model.Message;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.ProviderContract;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider contract for {@code api: anthropic}, against the simulator's Anthropic persona. */
class AnthropicContractIT extends ProviderContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Override protected String api() { return "anthropic"; }

    @Override protected String baseUrl(Simulator sim) { return sim.anthropicBaseUrl(); }

    @Override protected ProviderAdapter createAdapter(ProviderConfig config) {
        for (ProviderAdapterFactory f : ServiceLoader.load(ProviderAdapterFactory.class)) {
            if (f.apis().contains(config.api())) return f.create(config);
        }
        throw new AssertionError("no ProviderAdapterFactory registered for " + config.api());
    }

    @Test void complete_anyRequest_sendsKeyVersionAndDefaultMaxTokens() {
        String model = model();
        sim.script(model, Step.ok("fine"));
        adapter.complete(call(model, hello(), TIMEOUT));
        SeenRequest seen = sim.requestsFor(model).getFirst();
        assertThat(seen.header("x-api-key")).isEqualTo("test-key");
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(seen.bodyText()).contains("\"max_tokens\":4096", "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]");
    }

    @Test void complete_temperatureAboveOne_isClampedAndReportedAsDropped() {
        String model = model();
        sim.script(model, Step.ok("fine"));
        ChatRequest request = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, 1.7, null, null, null,
                false, false, null, Map.of("seed", "7"));
        ChatResult result = adapter.complete(call(model, request, TIMEOUT));
        assertThat(result.droppedParams()).containsExactly("temperature", "seed");
    }
}
