package dev.junction.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.route.ModelId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Junction knows of each model: the built-in {@code catalog.json} (with its as-of date) overlaid
 * by the config's {@code models:}. A model is found by its full id, else by its bare name when exactly
 * one built-in entry has that name (so a provider named {@code oai} still finds {@code openai/gpt-4.1}'s facts).
 */
public final class ModelCatalog {
    private final Map<ModelId, ModelInfo> models;
    private final Map<String, ModelInfo> byBareName;
    private final String asOf;

    private ModelCatalog(Map<ModelId, ModelInfo> models, String asOf) {
        this.models = Map.copyOf(models);
        this.asOf = asOf;
        Map<String, ModelInfo> bare = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (ModelInfo m : models.values()) {
            bare.put(m.id().name(), m);
            counts.merge(m.id().name(), 1, Integer::sum);
        }
        counts.forEach((name, n) -> { if (n > 1) bare.remove(name); });
        this.byBareName = Map.copyOf(bare);
    }

    /** The built-in catalog overlaid with {@code overrides} (field by field). */
    public static ModelCatalog builtIn(Map<ModelId, ModelInfo> overrides) {
        Map<ModelId, ModelInfo> models = new LinkedHashMap<>();
        String asOf;
        try (InputStream in = ModelCatalog.class.getResourceAsStream("/dev/junction/catalog/catalog.json")) {
            if (in == null) throw new IllegalStateException("catalog.json missing from the classpath");
            JsonNode root = new ObjectMapper().readTree(in);
            asOf = root.path("asOf").asText();
            root.path("models").fields().forEachRemaining(e -> {
                ModelId id = ModelId.parse(e.getKey());
                models.put(id, parseEntry(id, e.getValue()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        overrides.forEach((id, o) -> models.merge(id, o, ModelInfo::overlay));
        return new ModelCatalog(models, asOf);
    }

    private static ModelInfo parseEntry(ModelId id, JsonNode n) {
        Prices prices = n.has("inputPricePerMTok")
                ? new Prices(n.get("inputPricePerMTok").asDouble(), n.path("outputPricePerMTok").asDouble(),
                        n.has("cachedInputPricePerMTok") ? n.get("cachedInputPricePerMTok").asDouble() : null)
                : null;
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        n.path("capabilities").forEach(c -> caps.add(Capability.fromWireName(c.asText())));
        return new ModelInfo(id, n.has("contextWindow") ? n.get("contextWindow").asInt() : null,
                n.has("maxOutputTokens") ? n.get("maxOutputTokens").asInt() : null, prices, caps, null);
    }

    /** The entry for a model, or an all-unknown one. */
    public ModelInfo lookup(ModelId id) {
        ModelInfo m = models.get(id);
        if (m != null) return m;
        ModelInfo bare = byBareName.get(id.name());
        if (bare != null) return new ModelInfo(id, bare.contextWindow(), bare.maxOutputTokens(), bare.prices(),
                bare.capabilities(), bare.timeoutMs());
        return ModelInfo.unknown(id);
    }

    public boolean knows(ModelId id) { return models.containsKey(id) || byBareName.containsKey(id.name()); }

    public Map<ModelId, ModelInfo> all() { return models; }

    /** The date the built-in prices and limits were checked. */
    public String asOf() { return asOf; }
}
