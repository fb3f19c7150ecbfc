package dev.junction.route;

import dev.junction.catalog.ModelInfo;
import dev.junction.config.ProviderConfig;
import dev.junction.runner.SkipReason;
import java.util.List;

/**
 * The candidates of one request in the order the runner goes through them, each either to be tried
 * or skipped with a reason. The same list is what {@code junction explain} prints.
 */
public record Plan(Route route, long inputTokens, List<Entry> entries) {
    public Plan { entries = List.copyOf(entries); }

    public sealed interface Entry {
        ModelId model();
    }

    /** A model to call. */
    public record Candidate(ModelId model, ModelInfo info, ProviderConfig provider) implements Entry {}

    /** A model left out before any call, and why in words a caller can act on. */
    public record Skip(ModelId model, SkipReason reason, String why) implements Entry {}

    public long candidateCount() { return entries.stream().filter(e -> e instanceof Candidate).count(); }
}
