package dev.junction.usage;

import dev.junction.config.UsageConfig;

/** Creates the sink for a {@code usage.store} URL; found with {@link java.util.ServiceLoader}. */
public interface UsageSinkFactory {
    boolean supports(String storeUrl);

    UsageSink create(UsageConfig config);
}
