package dev.junction.providers.gemini;

import dev.junction.config.ProviderConfig;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.http.UpstreamClient;
import java.util.Set;

/** Creates {@link GeminiAdapter}s for {@code api: gemini}; found by ServiceLoader. */
public final class GeminiAdapterFactory implements ProviderAdapterFactory {
    @Override public Set<String> apis() { return Set.of("gemini"); }

    @Override public ProviderAdapter create(ProviderConfig config) {
        return new GeminiAdapter(config, UpstreamClient.create(config));
    }
}
