package dev.junction.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One turn of a conversation. Each kind holds an immutable list of parts. */
public sealed interface Message {

    List<ContentPart> parts();

    /** The concatenated text parts, in order; the empty string when there are none. */
    default String text() {
        List<ContentPart> parts = parts();
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text only) return only.text(); // the usual case: no copy
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t) sb.append(t.text());
        }
        return sb.toString();
    }

    /** {@link #text()} as one part: the message's only text part itself (as it was read), or a new one. */
    default ContentPart.Text textPart() {
        List<ContentPart> parts = parts();
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text only) return only;
        return new ContentPart.Text(text());
    }

    /** System or developer instructions ({@code developer} is kept apart because OpenAI treats it so). */
    record SystemMessage(List<ContentPart> parts, boolean developer) implements Message {
        public SystemMessage { parts = List.copyOf(parts); }
    }

    record UserMessage(List<ContentPart> parts) implements Message {
        public UserMessage { parts = List.copyOf(parts); }
    }

    /** Text, reasoning and tool calls the model produced (or a caller replays as history). */
    record AssistantMessage(List<ContentPart> parts) implements Message {
        public AssistantMessage { parts = List.copyOf(parts); }

        public List<ContentPart.ToolCall> toolCalls() {
            List<ContentPart.ToolCall> calls = new ArrayList<>();
            for (ContentPart p : parts) {
                if (p instanceof ContentPart.ToolCall c) calls.add(c);
            }
            return calls;
        }

        /** Text, or null when the message holds only tool calls (OpenAI's {@code content: null}). */
        public String textOrNull() { return hasText() ? text() : null; }

        /** Whether any part is text (possibly empty): what decides between text and {@code content: null}. */
        public boolean hasText() {
            for (ContentPart p : parts) {
                if (p instanceof ContentPart.Text) return true;
            }
            return false;
        }
    }

    /** The answer to one tool call. */
    record ToolMessage(String toolCallId, List<ContentPart> parts) implements Message {
        public ToolMessage {
            Objects.requireNonNull(toolCallId, "toolCallId");
            parts = List.copyOf(parts);
        }

        /** The result as one text: text parts and tool-result parts joined in order. */
        public String resultText() {
            StringBuilder sb = new StringBuilder();
            for (ContentPart p : parts) {
                if (p instanceof ContentPart.Text x) sb.append(x.text());
                else if (p instanceof ContentPart.ToolResult r) sb.append(r.content());
            }
            return sb.toString();
        }
    }

    static SystemMessage system(String text) { return new SystemMessage(List.of(new ContentPart.Text(text)), false); }

    static UserMessage user(String text) { return new UserMessage(List.of(new ContentPart.Text(text))); }

    static AssistantMessage assistant(String text) { return new AssistantMessage(List.of(new ContentPart.Text(text))); }
}
