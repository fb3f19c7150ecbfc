package dev.junction.model;

import java.util.Objects;

/**
 * A complete answer from one model. {@code responseId} and {@code upstreamModel} are what the provider
 * said (its id and model version); either may be null when the provider sent none.
 */
public record ChatResult(Message.AssistantMessage message, FinishReason finishReason, Usage usage,
                         String responseId, String upstreamModel) {
    public ChatResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(finishReason, "finishReason");
        usage = usage == null ? Usage.ZERO : usage;
    }
}
