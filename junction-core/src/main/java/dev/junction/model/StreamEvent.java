package dev.junction.model;

/**
 * One neutral event of a streamed answer. {@link #isContent()} marks the events that commit a stream:
 * once one of them reached the caller, Junction never switches models.
 */
public sealed interface StreamEvent {

    default boolean isContent() { return false; }

    /** The upstream accepted the request; carries its response id and model version when known. */
    record Started(String responseId, String upstreamModel) implements StreamEvent {}

    record TextDelta(String text) implements StreamEvent {
        @Override public boolean isContent() { return true; }
    }

    record ReasoningDelta(String text) implements StreamEvent {
        @Override public boolean isContent() { return true; }
    }

    /** A tool call fragment: the first of a call carries id and name; later ones only arguments. */
    record ToolCallDelta(int index, String id, String name, String argumentsFragment) implements StreamEvent {
        @Override public boolean isContent() { return true; }
    }

    record UsageReported(Usage usage) implements StreamEvent {}

    record Finished(FinishReason reason) implements StreamEvent {
        @Override public boolean isContent() { return true; }
    }
}
