package dev.junction.catalog;

import dev.junction.route.ModelId;
import java.util.Objects;
import java.util.Set;

/**
 * What Junction knows of one model. Any field but the id may be null: unknown, so no filter or cost
 * is derived from it.
 */
public record ModelInfo(ModelId id, Integer contextWindow, Integer maxOutputTokens, Prices prices,
                        Set<Capability> capabilities, Integer timeoutMs) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        capabilities = capabilities == null ? null : Set.copyOf(capabilities);
    }

    /** True when the catalog says the model has it, or says nothing about capabilities. */
    public boolean supports(Capability c) { return capabilities == null || capabilities.contains(c); }

    /** An entry for a model the catalog does not know: nothing is assumed. */
    public static ModelInfo unknown(ModelId id) { return new ModelInfo(id, null, null, null, null, null); }

    /** This entry with every non-null field of {@code override} laid over it. */
    public ModelInfo overlay(ModelInfo override) {
        return new ModelInfo(id,
                override.contextWindow != null ? override.contextWindow : contextWindow,
                override.maxOutputTokens != null ? override.maxOutputTokens : maxOutputTokens,
                override.prices != null ? override.prices : prices,
                override.capabilities != null ? override.capabilities : capabilities,
                override.timeoutMs != null ? override.timeoutMs : timeoutMs);
    }
}
