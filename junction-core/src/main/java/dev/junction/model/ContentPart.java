package dev.junction.model;

import java.util.Objects;

/** One piece of a message's content. Wire spellings live in the providers' mappers, never here. */
public sealed interface ContentPart {

    record Text(String text) implements ContentPart {
        public Text { Objects.requireNonNull(text, "text"); }
    }

    /**
     * An image given by URL: an {@code https://} address or a {@code data:<mime>;base64,<b64>} URL.
     * {@code detail} is OpenAI's hint ({@code auto|low|high}) or null when not set.
     */
    record Image(String url, String detail) implements ContentPart {
        public Image { Objects.requireNonNull(url, "url"); }

        public boolean isDataUrl() { return url.startsWith("data:"); }

        /** The media type of a data URL ({@code image/png}), or null for a plain URL. */
        public String mediaType() {
            if (!isDataUrl()) return null;
            int semi = url.indexOf(';');
            return semi > 5 ? url.substring(5, semi) : null;
        }

        /** The base64 payload of a data URL, or null for a plain URL. */
        public String base64Data() {
            if (!isDataUrl()) return null;
            int comma = url.indexOf(',');
            return comma >= 0 ? url.substring(comma + 1) : null;
        }
    }

    /** Model reasoning (thinking) text; never sent back to a provider that did not produce it. */
    record Reasoning(String text) implements ContentPart {
        public Reasoning { Objects.requireNonNull(text, "text"); }
    }

    /** A call the model asked for; {@code arguments} is a JSON text exactly as the model produced it. */
    record ToolCall(String id, String name, String arguments) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? "" : arguments;
        }
    }

    /** The result of a tool call, sent back by the caller. */
    record ToolResult(String toolCallId, String content) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(content, "content");
        }
    }
}
