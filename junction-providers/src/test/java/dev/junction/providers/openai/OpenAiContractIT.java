package dev.junction.providers.openai;

import dev.junction.config.ProviderConfig;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.ProviderContract;
import dev.junction.simulator.Simulator;
import java.util.ServiceLoader;

/** The provider contract for {@code api: openai}, against the simulator's OpenAI persona. */
class OpenAiContractIT extends ProviderContract {
    @Override protected String api() { return "openai"; }

    @Override protected String baseUrl(Simulator sim) { return sim.openAiBaseUrl(); }

    @Override protected ProviderAdapter createAdapter(ProviderConfig config) {
        for (ProviderAdapterFactory f : ServiceLoader.load(ProviderAdapterFactory.class)) {
            if (f.apis().contains(config.api())) return f.create(config);
        }
        throw new AssertionError("no ProviderAdapterFactory registered for " + config.api());
    }
}
