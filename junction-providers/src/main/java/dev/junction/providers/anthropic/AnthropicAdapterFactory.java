package dev.junction.providers.anthropic;

import dev.junction.config.ProviderConfig;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.providers.http.UpstreamClient;
import java.util.Set;

/** Creates {@link AnthropicAdapter}s for {@code api: anthropic}; found by ServiceLoader. */
public final class AnthropicAdapterFactory implements ProviderAdapterFactory {
    @Override public Set<String> apis() { return Set.of("anthropic"); }

    @Override public ProviderAdapter create(ProviderConfig config) {
        return new AnthropicAdapter(config, UpstreamClient.create(config));
    }
}
