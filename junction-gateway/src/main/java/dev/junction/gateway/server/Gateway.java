package dev.junction.gateway.server;

import dev.junction.Junction;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.access.AccessLogWriter;
import dev.junction.gateway.access.KeyAuthenticator;
import dev.junction.gateway.access.RequestGate;
import dev.junction.gateway.telemetry.GatewayMetrics;
import dev.junction.gateway.telemetry.Tracing;
import dev.junction.ledger.BatchingUsageWriter;
import dev.junction.ledger.LedgerSinkFactory;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.state.SharedCounters;
import dev.junction.state.limits.LimitChecker;
import dev.junction.state.limits.UsageRecorder;
import dev.junction.usage.UsageSink;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway for a team, put together in one place: the usage sink (built once, shared by every
 * config version), shared counters for limits, gateway keys, metrics, traces, the HTTP server, and the
 * config file's reloads. Reloading swaps routes, models and providers (and auth and limits, which are
 * read per request); {@code server}, {@code usage}, {@code state} and {@code telemetry} are fixed at start.
 *
 * <p>{@link #close()} is the graceful shutdown: stop accepting and let in-flight requests finish (up to
 * {@code server.shutdownGraceMs}), close the Junction, flush the usage ledger, then the rest.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final JunctionConfig startup;
    private final Path configFile;
    private final UsageSink sink;
    private final SharedCounters counters;
    private final GatewayMetrics metrics;
    private final Tracing tracing;
    private final JunctionHolder junctions;
    private final KeyStoreHandle keys;
    private final GatewayServer server;
    private final AccessLogWriter accessLog;
    private final ConfigWatcher watcher;

    private Gateway(Builder b) throws IOException {
        this.startup = b.config;
        this.configFile = b.configFile;
        this.metrics = new GatewayMetrics();
        LedgerSinkFactory ledger = new LedgerSinkFactory();
        this.sink = ledger.supports(startup.usage().store()) ? ledger.create(startup.usage()) : UsageSink.NONE;
        if (sink instanceof BatchingUsageWriter w) metrics.bindLedger(w);
        this.counters = SharedCounters.open(startup.state(), b.clock);
        if (startup.state() != null) log.info("limits and budgets shared through {}", startup.state().redactedUrl());
        this.tracing = b.spanExporter != null ? Tracing.to(b.spanExporter) : Tracing.fromConfig(startup.telemetry());
        this.junctions = new JunctionHolder(build(startup), Duration.ofMillis(startup.server().shutdownGraceMs()));
        metrics.bindHealth(() -> junctions.get().health());
        this.keys = new KeyStoreHandle(startup.usage().store(), b.clock);
        RequestGate gate = new RequestGate(keys::authenticator, new LimitChecker(counters, b.clock));
        this.accessLog = b.accessLog != null ? new AccessLogWriter(b.accessLog, AccessLogWriter.DEFAULT_INTERVAL) : AccessLogWriter.stderr();
        this.server = GatewayServer.start(new GatewayServer.Surface(junctions, gate, metrics, this::notReadyReason,
                configFile == null ? null : this::reload, accessLog), startup.server());
        this.watcher = configFile != null && b.watchConfig ? ConfigWatcher.start(configFile, this::reloadFromWatcher) : null;
    }

    public static Builder builder(JunctionConfig config) { return new Builder(config); }

    private Junction build(JunctionConfig config) {
        Junction.Builder b = Junction.builder(config).sharedUsageSink(sink)
                .listener(metrics).listener(new UsageRecorder(counters, InstantSource.system()));
        if (tracing != null) b.listener(tracing.listener());
        return b.build();
    }

    public int port() { return server.port(); }

    public JunctionHolder junctions() { return junctions; }

    public GatewayMetrics metrics() { return metrics; }

    /** Writes the access-log lines still queued (they are otherwise written in batches). */
    public void flushAccessLog() { accessLog.flush(); }

    /** Re-reads the config file and serves it from now on, or keeps the old config and says why not. */
    public synchronized ReloadResult reload() {
        JunctionConfig next;
        Junction junction;
        try {
            next = ConfigLoader.load(configFile).withServer(startup.server());
            junction = build(next);
        } catch (ConfigException e) {
            log.error("config reload rejected, the previous config keeps serving:\n{}", e.getMessage());
            return new ReloadResult.Rejected(e.getMessage());
        }
        warnFixedSections(next);
        int version = junctions.swap(junction);
        log.info("config version {} serving ({} routes, {} providers)", version, next.routes().routes().size(), next.providers().size());
        return new ReloadResult.Reloaded(version, next.routes().routes().size(), next.providers().size());
    }

    private void reloadFromWatcher() {
        log.info("{} changed; reloading", configFile);
        reload();
    }

    private void warnFixedSections(JunctionConfig next) {
        if (!next.usage().equals(startup.usage())) log.warn("usage: changed in the config file; it takes effect at the next start");
        if (!Objects.equals(next.state(), startup.state())) log.warn("state: changed in the config file; it takes effect at the next start");
        if (!next.telemetry().equals(startup.telemetry())) log.warn("telemetry: changed in the config file; it takes effect at the next start");
    }

    /** Null when ready: a config serves and usage rows are safe (the store is reachable, or a journal takes them). */
    private String notReadyReason() {
        if (junctions.get() == null) return "no config loaded";
        if (sink instanceof BatchingUsageWriter w && !w.acceptingRows()) return "usage store unreachable and no journal configured";
        return null;
    }

    @Override
    public void close() {
        if (watcher != null) watcher.close();
        server.close();      // stops accepting; in-flight requests finish within the grace period
        accessLog.close();   // writes the last requests' lines
        junctions.close();   // closes every config version once its requests are done
        sink.close();        // flushes the usage ledger
        keys.close();
        counters.close();
        if (tracing != null) tracing.close();
    }

    /** Opens the keys table on first use, so an open gateway never touches it. */
    private static final class KeyStoreHandle implements AutoCloseable {
        private final String storeUrl;
        private final InstantSource clock;
        private JdbcUsageStore store;
        private volatile KeyAuthenticator authenticator;

        KeyStoreHandle(String storeUrl, InstantSource clock) {
            this.storeUrl = storeUrl;
            this.clock = clock;
        }

        KeyAuthenticator authenticator() {
            KeyAuthenticator a = authenticator;
            return a != null ? a : open();
        }

        private synchronized KeyAuthenticator open() {
            if (authenticator != null) return authenticator;
            try {
                if (store == null) store = JdbcUsageStore.connect(storeUrl);
                authenticator = new KeyAuthenticator(store.keys(), clock);
            } catch (RuntimeException e) {
                log.error("gateway keys unavailable: {}", e.getMessage());
            }
            return authenticator;
        }

        @Override public synchronized void close() {
            if (store != null) store.close();
        }
    }

    /** Options for starting a gateway. */
    public static final class Builder {
        private final JunctionConfig config;
        private Path configFile;
        private boolean watchConfig = true;
        private SpanExporter spanExporter;
        private InstantSource clock = InstantSource.system();
        private java.io.OutputStream accessLog;

        private Builder(JunctionConfig config) { this.config = config; }

        /** The file {@code config} was read from; enables {@code POST /v1/junction/reload} and, unless turned off, watching it. */
        public Builder configFile(Path file) { this.configFile = file; return this; }

        public Builder watchConfig(boolean watch) { this.watchConfig = watch; return this; }

        /** Sends spans to this exporter, whatever {@code telemetry} says (tests). */
        public Builder spanExporter(SpanExporter exporter) { this.spanExporter = exporter; return this; }

        public Builder clock(InstantSource c) { this.clock = c; return this; }

        /** Where the access log's lines go; standard error by default. */
        public Builder accessLog(java.io.OutputStream out) { this.accessLog = out; return this; }

        public Gateway start() throws IOException { return new Gateway(this); }
    }
}
