package dev.junction.gateway.telemetry;

import dev.junction.config.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;

/** The trace pipeline: spans batched to an OTLP/HTTP collector, or to a given exporter in tests. */
public final class Tracing implements AutoCloseable {
    private static final Resource RESOURCE = Resource.getDefault().merge(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "junction")));

    private final SdkTracerProvider provider;

    private Tracing(SdkTracerProvider provider) { this.provider = provider; }

    /** OTLP export to {@code telemetry.otlpEndpoint}; null when traces are off. */
    public static Tracing fromConfig(TelemetryConfig config) {
        if (!config.tracesEnabled()) return null;
        SpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint() + "/v1/traces").build();
        return new Tracing(SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build());
    }

    /** Every span handed to {@code exporter} as it ends (tests use an in-memory exporter). */
    public static Tracing to(SpanExporter exporter) {
        return new Tracing(SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build());
    }

    public TracingListener listener() { return new TracingListener(provider.get("dev.junction.gateway")); }

    /** Exports what is pending, then stops. */
    @Override public void close() { provider.shutdown().join(5, TimeUnit.SECONDS); }
}
