package dev.junction.provider;

import dev.junction.config.ProviderConfig;

/**
 * Creates adapters for one {@code api:} value. Found with {@link java.util.ServiceLoader} once at start,
 * so core never depends on the providers module.
 */
public interface ProviderAdapterFactory {
    /** The {@code api:} values this factory serves ({@code openai}, {@code azure-openai}, ...). */
    java.util.Set<String> apis();

    ProviderAdapter create(ProviderConfig config);
}
