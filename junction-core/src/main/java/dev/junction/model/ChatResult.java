package dev.junction.model;

import java.util.List;
import java.util.Objects;

/**
 * A complete answer from one model. {@code responseId} and {@code upstreamModel} are what the provider
 * said (its id and model version); either may be null when the provider sent none. {@code droppedParams}
 * names the request parameters the adapter could not send to this provider (never silently).
 */
public record ChatResult(Message.AssistantMessage message, FinishReason finishReason, Usage usage,
                         String responseId, String upstreamModel, List<String> droppedParams) {
    public ChatResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(finishReason, "finishReason");
        usage = usage == null ? Usage.ZERO : usage;
        droppedParams = droppedParams == null ? List.of() : List.copyOf(droppedParams);
    }

    public ChatResult(Message.AssistantMessage message, FinishReason finishReason, Usage usage,
                      String responseId, String upstreamModel) {
        this(message, finishReason, usage, responseId, upstreamModel, List.of());
    }

    /** This result, noting the request parameters the adapter could not send to the provider. */
    public ChatResult withDroppedParams(List<String> dropped) {
        return new ChatResult(message, finishReason, usage, responseId, upstreamModel, dropped);
    }
}
