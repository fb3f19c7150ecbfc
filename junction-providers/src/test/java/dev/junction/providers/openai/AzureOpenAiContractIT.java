package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ProviderConfig;
import dev.junction.error.ErrorClass;
import dev.junction.error.ProviderException;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.ProviderContract;
import dev.junction.simulator.SeenRequest;
import dev.junction.simulator.Simulator;
import dev.junction.simulator.Step;
import dev.junction.simulator.fault.Fault;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider contract for {@code api: azure-openai}: deployment URLs, {@code api-version}, the {@code api-key} header. */
class AzureOpenAiContractIT extends ProviderContract {
    @Override protected String api() { return "azure-openai"; }

    @Override protected String baseUrl(Simulator sim) { return sim.azureBaseUrl(); }

    @Override protected String apiVersion() { return "2024-10-21"; }

    @Override protected ProviderAdapter createAdapter(ProviderConfig config) {
        for (ProviderAdapterFactory f : ServiceLoader.load(ProviderAdapterFactory.class)) {
            if (f.apis().contains(config.api())) return f.create(config);
        }
        throw new AssertionError("no ProviderAdapterFactory registered for " + config.api());
    }

    @Test
    void complete_sendsDeploymentUrlApiVersionAndApiKeyHeader() {
        adapter.complete(call("gpt-4o-prod", hello(), Duration.ofSeconds(5)));

        SeenRequest seen = sim.requestsFor("gpt-4o-prod").getLast();
        assertThat(seen.persona()).isEqualTo("azure");
        assertThat(seen.path()).isEqualTo("/azure/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(seen.header("api-key")).isEqualTo("test-key");
        assertThat(seen.header("authorization")).isNull();
    }

    @Test
    void complete_promptFiltered_isContentRefused() {
        sim.script("gpt-4o-filtered", Step.fault(Fault.contentFiltered()));

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ProviderException.class,
                () -> adapter.complete(call("gpt-4o-filtered", hello(), Duration.ofSeconds(5)))).failure().errorClass())
                .isEqualTo(ErrorClass.CONTENT_REFUSED);
    }
}
