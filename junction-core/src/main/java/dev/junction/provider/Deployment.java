package dev.junction.provider;

import dev.junction.config.ProviderConfig;
import dev.junction.route.ModelId;

/**
 * A model on a configured provider: where to send the request and the model name to send.
 *
 * @param catalogMaxOutputTokens the catalog's output limit for the model, or null: the default an adapter
 *                               uses where its API requires a cap the caller did not set (Anthropic's
 *                               {@code max_tokens})
 */
public record Deployment(ModelId model, ProviderConfig provider, Integer catalogMaxOutputTokens) {
    public Deployment(ModelId model, ProviderConfig provider) { this(model, provider, null); }

    public String upstreamModel() { return model.name(); }
}
