package dev.junction.model;

/** Why the model stopped, in OpenAI's vocabulary (the one every caller of the gateway reads). */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter");

    private final String wireName;

    FinishReason(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }
}
