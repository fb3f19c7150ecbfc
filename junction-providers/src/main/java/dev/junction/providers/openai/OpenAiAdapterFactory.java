package dev.junction.providers.openai;

import dev.junction.config.ProviderConfig;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.http.UpstreamClient;
import java.util.Set;

/** Creates {@link OpenAiAdapter}s for {@code api: openai} and {@code api: azure-openai}; found by ServiceLoader. */
public final class OpenAiAdapterFactory implements ProviderAdapterFactory {
    @Override public Set<String> apis() { return Set.of("openai", "azure-openai"); }

    @Override public ProviderAdapter create(ProviderConfig config) {
        return new OpenAiAdapter(config, OpenAiDialect.forApi(config.api()), UpstreamClient.create(config));
    }
}
