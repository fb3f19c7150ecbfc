package dev.junction.model;

import java.util.Objects;

/**
 * A function the model may call. {@code parametersJson} is a JSON Schema as JSON text, or null when the
 * function takes no arguments; {@code strict} is null when not set.
 */
public record ToolSpec(String name, String description, String parametersJson, Boolean strict) {
    public ToolSpec { Objects.requireNonNull(name, "name"); }
}
