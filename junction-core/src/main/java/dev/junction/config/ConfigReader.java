package dev.junction.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed YAML tree, collecting every problem with the file name and the field's path
 * ({@code junction.yaml: routes.support_chat.fallback[1]: unknown provider 'qwen'}) instead of
 * stopping at the first.
 */
final class ConfigReader {
    private final String file;
    private final EnvSubstitution env;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(String file, EnvSubstitution env) {
        this.file = file;
        this.env = env;
    }

    List<String> problems() { return problems; }

    void problem(String path, String what) { problems.add(file + ": " + path + ": " + what); }

    /** Reports every field of {@code node} not in {@code allowed}. */
    void onlyKeys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problem(join(path, key), "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    static String join(String path, String key) { return path.isEmpty() ? key : path + "." + key; }

    boolean isObject(JsonNode node, String path) {
        if (node == null || node.isNull()) return false;
        if (!node.isObject()) {
            problem(path, "must be a mapping");
            return false;
        }
        return true;
    }

    Map<String, JsonNode> entries(JsonNode node, String path) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!isObject(node, path)) return out;
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    String string(JsonNode parent, String path, String key, boolean required) {
        JsonNode n = parent.get(key);
        String at = join(path, key);
        if (n == null || n.isNull()) {
            if (required) problem(at, "required");
            return null;
        }
        if (!n.isValueNode() || n.isBinary()) {
            problem(at, "must be a string");
            return null;
        }
        try {
            return env.apply(n.asText());
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    /** A string value at an explicit path (list items). */
    String scalar(JsonNode n, String at) {
        if (n == null || !n.isValueNode() || n.isNull()) {
            problem(at, "must be a string");
            return null;
        }
        try {
            return env.apply(n.asText());
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    Long number(JsonNode parent, String path, String key, long min) {
        String text = string(parent, path, key, false);
        if (text == null) return null;
        try {
            long v = Long.parseLong(text.trim().replace("_", ""));
            if (v < min) {
                problem(join(path, key), "must be at least " + min);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(join(path, key), "must be a whole number, got '" + text + "'");
            return null;
        }
    }

    Integer integer(JsonNode parent, String path, String key, long min) {
        Long v = number(parent, path, key, min);
        if (v == null) return null;
        if (v > Integer.MAX_VALUE) {
            problem(join(path, key), "too large");
            return null;
        }
        return v.intValue();
    }

    Double decimal(JsonNode parent, String path, String key) {
        String text = string(parent, path, key, false);
        if (text == null) return null;
        try {
            double v = Double.parseDouble(text.trim());
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                problem(join(path, key), "must be a non-negative number");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(join(path, key), "must be a number, got '" + text + "'");
            return null;
        }
    }

    Boolean bool(JsonNode parent, String path, String key) {
        String text = string(parent, path, key, false);
        if (text == null) return null;
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(join(path, key), "must be true or false, got '" + text + "'");
                yield null;
            }
        };
    }

    List<String> strings(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        String at = join(path, key);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) {
            problem(at, "must be a list");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String s = scalar(n.get(i), at + "[" + i + "]");
            out.add(s);
        }
        return out;
    }
}
