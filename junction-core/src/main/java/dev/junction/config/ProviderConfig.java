package dev.junction.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One configured upstream: which wire format it speaks ({@code api}), where, and with which key.
 *
 * @param apiKey          null when the provider needs none (a local vLLM or Ollama)
 * @param timeoutMs       per-attempt ceiling for every model of this provider, or null
 * @param maxConnections  keep-alive pool size, or null for the default
 * @param apiVersion      Azure's {@code api-version}, or null
 */
public record ProviderConfig(String name, String api, URI baseUrl, Secret apiKey, Map<String, String> headers,
                             Integer timeoutMs, Integer maxConnections, String apiVersion) {
    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(baseUrl, "baseUrl");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Identifies the credentials: two providers with the same key share a fate on auth and quota failures. */
    public String credentialKey() {
        return name;
    }
}
