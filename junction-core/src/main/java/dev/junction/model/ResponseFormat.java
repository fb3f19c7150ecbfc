package dev.junction.model;

import java.util.Objects;

/** The shape the caller wants the answer in. */
public sealed interface ResponseFormat {
    record Text() implements ResponseFormat {}

    /** Any JSON object. */
    record JsonObject() implements ResponseFormat {}

    /** JSON matching {@code schemaJson} (JSON Schema as text); {@code strict} null when not set. */
    record JsonSchema(String name, String description, String schemaJson, Boolean strict) implements ResponseFormat {
        public JsonSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schemaJson, "schemaJson");
        }
    }
}
