package dev.junction.gateway.server;

/** What a config reload did. */
public sealed interface ReloadResult {
    /** The new config serves from now on. */
    record Reloaded(int version, int routes, int providers) implements ReloadResult {}

    /** The file could not be used; the old config keeps serving. {@code reason} names every problem. */
    record Rejected(String reason) implements ReloadResult {}
}
