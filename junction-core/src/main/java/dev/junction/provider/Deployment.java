package dev.junction.provider;

import dev.junction.config.ProviderConfig;
import dev.junction.route.ModelId;

/** A model on a configured provider: where to send the request and the model name to send. */
public record Deployment(ModelId model, ProviderConfig provider) {
    public String upstreamModel() { return model.name(); }
}
