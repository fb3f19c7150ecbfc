package dev.junction.config;

import java.net.URI;

/**
 * Trace export. Traces are off unless {@code otlpEndpoint} is set.
 *
 * @param otlpEndpoint the OTLP/HTTP collector base URL ({@code http://127.0.0.1:4318}); spans go to {@code /v1/traces}
 */
public record TelemetryConfig(URI otlpEndpoint) {
    public static TelemetryConfig off() { return new TelemetryConfig(null); }

    public boolean tracesEnabled() { return otlpEndpoint != null; }
}
