package dev.junction.route;

import dev.junction.model.ChatRequest;

/**
 * Counts a request's input tokens exactly for the model families whose tokenizer it has. Found with
 * {@link java.util.ServiceLoader} (the providers module ships one for OpenAI families), so core stays
 * free of tokenizer data.
 */
public interface TokenCounter {
    /** The exact input tokens of {@code request} for {@code model}, or -1 when this counter does not know the model. */
    long count(ModelId model, ChatRequest request);
}
