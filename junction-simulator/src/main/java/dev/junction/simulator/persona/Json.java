package dev.junction.simulator.persona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The personas' one Jackson mapper. Output is compact (no spaces), in insertion order, like the
 * providers' own bodies; input is read leniently as a tree, since a simulator must see exactly
 * what an adapter sent, unknown fields included.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The parsed body, or {@code null} if it is not a JSON object. */
    public static ObjectNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree node always serializes", e);
        }
    }

    /** {@code "data: <json>\n\n"}, the framing OpenAI uses. */
    public static byte[] dataEvent(JsonNode node) {
        return ("data: " + text(node) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
