package dev.junction.providers.openai;

import static dev.junction.providers.openai.OpenAiWire.CONTENT;
import static dev.junction.providers.openai.OpenAiWire.MESSAGES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.model.ContentPart;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The one pass over a client's Chat Completions body: the JSON read into a tree, as Jackson's
 * {@code readTree} would, except for the string {@code content} of each message. A long one stays the
 * caller's escaped bytes ({@link ContentPart.Text#ofJson}), so a 20 KB prompt is scanned (Jackson still
 * checks it is valid JSON while skipping it) but neither decoded here nor escaped again for the upstream.
 */
final class OpenAiBodyReader {
    /** Below this many escaped bytes a content string is decoded: the JDK string is as cheap as the span. */
    static final int RAW_MIN = 256;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A message as read: its fields, less a string {@code content}, which is {@code text}. A message that
     * is not an object has a null text and its node as read.
     */
    record ReadMessage(JsonNode node, ContentPart.Text text) {}

    /** The body's fields; {@code messages} is null when the body had no {@code messages} array (the tree holds what it had). */
    record ReadBody(ObjectNode root, List<ReadMessage> messages) {}

    private OpenAiBodyReader() {}

    /** The body read, or null when it does not start with a JSON object. */
    static ReadBody read(JsonFactory factory, byte[] body) throws IOException {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            ObjectNode root = NODES.objectNode();
            List<ReadMessage> messages = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(MESSAGES)) { // when repeated, the last one counts, as with readTree
                    root.remove(MESSAGES);
                    messages = null;
                    if (value == JsonToken.START_ARRAY) {
                        messages = messages(p, body);
                        continue;
                    }
                }
                root.set(name, tree(p, value));
            }
            return new ReadBody(root, messages);
        }
    }

    private static List<ReadMessage> messages(JsonParser p, byte[] body) throws IOException {
        List<ReadMessage> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                out.add(new ReadMessage(tree(p, t), null));
                continue;
            }
            ObjectNode message = NODES.objectNode();
            ContentPart.Text text = null;
            boolean contentInTree = false; // a repeated content key: the last one counts
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(CONTENT)) {
                    text = null;
                    if (value == JsonToken.VALUE_STRING) {
                        if (contentInTree) message.remove(CONTENT);
                        contentInTree = false;
                        text = text(p, body);
                        continue;
                    }
                    contentInTree = true;
                }
                message.set(name, tree(p, value));
            }
            out.add(new ReadMessage(message, text));
        }
        return out;
    }

    /** The string the parser stands on: a span of the body when long, else decoded. */
    private static ContentPart.Text text(JsonParser p, byte[] body) throws IOException {
        long open = p.currentTokenLocation().getByteOffset();
        if (open >= 0 && open < body.length && body[(int) open] == '"') {
            int from = (int) open + 1;
            int close = closingQuote(body, from);
            if (close - from >= RAW_MIN && close < body.length) return ContentPart.Text.ofJson(body, from, close);
        }
        return new ContentPart.Text(p.getText());
    }

    /** A JSON value as Jackson's tree model reads it (ints as int, long or big nodes; other numbers as doubles). */
    private static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, tree(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) a.add(tree(p, e));
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The index of the quote closing a string whose content starts at {@code from}, or the length when there is none. */
    static int closingQuote(byte[] b, int from) {
        int i = from;
        while (true) {
            for (; i + 8 <= b.length; i += 8) { // eight bytes at a time to the next quote or backslash
                long w = (long) LONGS.get(b, i);
                long quote = w ^ ('"' * ONES);
                long backslash = w ^ ('\\' * ONES);
                if ((((quote - ONES) & ~quote | (backslash - ONES) & ~backslash) & HIGHS) != 0) break;
            }
            for (; i < b.length; i++) {
                byte x = b[i];
                if (x == '"') return i;
                if (x == '\\') break;
            }
            if (i >= b.length) return b.length;
            i += 2; // an escape: the byte after the backslash is never the closing quote
        }
    }
}
