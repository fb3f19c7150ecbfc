package dev.junction.model;

import java.util.Objects;

/** One piece of a message's content. Wire spellings live in the providers' mappers, never here. */
public sealed interface ContentPart {

    /**
     * Text. One read from a JSON body by the gateway may instead hold the caller's own JSON-escaped
     * bytes ({@link #ofJson}): a JSON upstream body takes them as they are, and {@link #text()} decodes
     * them only when something needs the characters. A 20 KB prompt then crosses the gateway without
     * being decoded and escaped again.
     */
    final class Text implements ContentPart {
        private String text; // decoded on first use when built from JSON; a race decodes twice, harmlessly
        private final byte[] json;
        private final int from;
        private final int to;
        private int length = -1;

        public Text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            this.json = null;
            this.from = 0;
            this.to = 0;
        }

        private Text(byte[] json, int from, int to) {
            Objects.checkFromToIndex(from, to, json.length);
            this.json = json;
            this.from = from;
            this.to = to;
        }

        /**
         * A text whose JSON-escaped UTF-8 form, the content between a string's quotes, is
         * {@code json[from, to)}. The caller has validated it as JSON (Jackson's parser has); the array
         * is kept, not copied, and must not change.
         */
        public static Text ofJson(byte[] json, int from, int to) { return new Text(json, from, to); }

        public String text() {
            String t = text;
            if (t == null) text = t = JsonEscapes.decode(json, from, to);
            return t;
        }

        /** The text's length in UTF-16 units ({@code text().length()}), counted without decoding it. */
        public int length() {
            if (text != null) return text.length();
            int n = length;
            if (n < 0) length = n = JsonEscapes.utf16Length(json, from, to);
            return n;
        }

        /** {@code text().isBlank()}, usually answered from the first byte of an undecoded text. */
        public boolean isBlank() {
            if (text == null && !JsonEscapes.mayBeBlank(json, from, to)) return false;
            return text().isBlank();
        }

        /** The JSON-escaped UTF-8 form this text was read from, or null when it was made from a string. */
        public JsonSpan json() { return json == null ? null : new JsonSpan(json, from, to); }

        @Override public boolean equals(Object o) { return o instanceof Text t && text().equals(t.text()); }

        @Override public int hashCode() { return text().hashCode(); }

        @Override public String toString() { return "Text[text=" + text() + "]"; }
    }

    /** {@code bytes[from, to)}: a JSON string's escaped content, without its quotes. Read-only by contract. */
    record JsonSpan(byte[] bytes, int from, int to) {
        public int length() { return to - from; }
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
