package dev.junction;

import dev.junction.config.ConfigDefaults;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ProviderConfig;
import dev.junction.error.JunctionException;
import dev.junction.event.AttemptListener;
import dev.junction.event.RequestInfo;
import dev.junction.health.HealthRegistry;
import dev.junction.model.ChatRequest;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderAdapterFactory;
import dev.junction.route.CandidatePlanner;
import dev.junction.route.Explanation;
import dev.junction.route.Plan;
import dev.junction.route.Route;
import dev.junction.runner.Backoff;
import dev.junction.runner.FallbackPolicy;
import dev.junction.runner.FallbackRunner;
import dev.junction.runner.Sleeper;
import dev.junction.usage.UsageCollector;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageSink;
import dev.junction.usage.UsageSinkFactory;
import dev.junction.usage.UsageStatus;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Junction in process: {@code Junction.fromConfig(path).generate(GenerateRequest.of(task, messages, customerId))}.
 * Thread-safe; one instance serves every request. {@link #close()} flushes the usage ledger.
 */
public final class Junction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Junction.class);

    private final JunctionConfig config;
    private final Map<String, ProviderAdapter> adapters;
    private final CandidatePlanner planner;
    private final FallbackRunner runner;
    private final UsageSink usageSink;
    /** False when the sink outlives this instance (the gateway keeps one sink across config reloads). */
    private final boolean ownsUsageSink;
    private final AttemptListener listener;
    private final InstantSource clock;
    private final HealthRegistry health;
    /**
     * Watches streams for silence; one daemon thread, the checks are tiny. A cancelled check leaves the
     * queue at once: left there, it held its stream until the deadline (a minute by default), which
     * under load kept every stream of the last minute and its buffers in memory.
     */
    private final ScheduledExecutorService streamTimer = newStreamTimer();

    private Junction(Builder b, Map<String, ProviderAdapter> adapters, UsageSink sink) {
        this.config = b.config;
        this.adapters = adapters;
        this.clock = b.clock;
        this.usageSink = sink;
        this.ownsUsageSink = b.ownsUsageSink;
        this.health = new HealthRegistry(b.clock, ConfigDefaults.CREDENTIAL_COOLDOWN);
        List<dev.junction.route.TokenCounter> counters = ServiceLoader.load(dev.junction.route.TokenCounter.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        this.planner = new CandidatePlanner(config.providers(), config.catalog(), health, b.random, counters);
        this.runner = new FallbackRunner(adapters, new FallbackPolicy(new Backoff(b.random)), health, b.clock, b.sleeper);
        List<AttemptListener> all = new ArrayList<>(b.listeners);
        all.add(new UsageCollector(sink));
        this.listener = AttemptListener.composite(all);
    }

    private static ScheduledExecutorService newStreamTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "junction-stream-guard");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Loads and validates a config file, finds adapters and the usage store on the classpath. */
    public static Junction fromConfig(Path path) { return builder(ConfigLoader.load(path)).build(); }

    public static Builder builder(JunctionConfig config) { return new Builder(config); }

    /**
     * Routes the request, calls candidates in order and falls back as the route's policy allows.
     *
     * @throws JunctionException when no answer was produced; it carries every attempt
     */
    public GenerateResult generate(GenerateRequest request) {
        RequestInfo info = requestInfo(request);
        Route route = config.routes().resolve(request.task());
        if (route == null) {
            JunctionException e = new JunctionException.UnknownModel(request.task());
            recordRejected(info, e.ledgerCause());
            throw e;
        }
        Plan plan = planner.plan(route, request.request(), request.customerId());
        return runner.run(info, plan, request.request(), listener);
    }

    /**
     * Streams the answer. Candidates are tried as in {@link #generate} until one produces its first content
     * event; the returned stream is committed to that model. Close it when done (try-with-resources).
     *
     * @throws JunctionException when no candidate produced content; it carries every attempt
     */
    public GenerateStream stream(GenerateRequest request) {
        RequestInfo info = requestInfo(request, true);
        Route route = config.routes().resolve(request.task());
        if (route == null) {
            JunctionException e = new JunctionException.UnknownModel(request.task());
            recordRejected(info, e.ledgerCause());
            throw e;
        }
        ChatRequest streaming = request.request().withStream(true, request.request().includeUsage());
        Plan plan = planner.plan(route, streaming, request.customerId());
        long idleMs = route.streamIdleTimeoutMs() != null ? route.streamIdleTimeoutMs() : ConfigDefaults.STREAM_IDLE_TIMEOUT.toMillis();
        return runner.stream(info, plan, streaming, listener, streamTimer, idleMs);
    }

    /**
     * The candidates a request would go through, in order, with the reason for each skip and the time
     * each would have; calls nothing.
     *
     * @param inputTokens the input size to assume, or null to count the request's
     */
    public Explanation explain(String task, ChatRequest request, String customerId, Long inputTokens) {
        Route route = config.routes().resolve(task);
        if (route == null) throw new JunctionException.UnknownModel(task);
        return Explanation.of(planner.plan(route, request, customerId, inputTokens), health);
    }

    /** The health of every model the config names or that has been called: circuit state and cool-downs. */
    public List<HealthRegistry.ModelView> health() {
        java.util.Set<dev.junction.route.ModelId> ids = new java.util.TreeSet<>();
        for (Route r : config.routes().routes().values()) {
            r.primary().forEach(w -> ids.add(w.model()));
            ids.addAll(r.fallback());
        }
        health.views().forEach(v -> ids.add(v.model()));
        return ids.stream().map(health::view).toList();
    }

    /**
     * Writes the usage row of a request refused before routing (bad body, unknown model): every client
     * request leaves one row.
     */
    public void recordRejected(RequestInfo info, String cause) {
        long latency = java.time.Duration.between(info.startedAt(), clock.instant()).toMillis();
        listener.requestEnd(info, new UsageRecord(info.startedAt(), info.requestId(), info.customerId(), info.task(), null,
                null, null, false, 0, null, null, latency, null, info.stream(), UsageStatus.ERROR, cause, info.tags(),
                info.apiKeyId(), List.of(), null));
    }

    public RequestInfo requestInfo(GenerateRequest r) {
        return requestInfo(r, r.request().stream());
    }

    private RequestInfo requestInfo(GenerateRequest r, boolean stream) {
        String id = r.requestId() != null ? r.requestId() : newRequestId();
        return new RequestInfo(id, r.task(), r.customerId(), r.tags(), stream, r.apiKeyId(), clock.instant());
    }

    /**
     * {@code req_} and 32 hex digits: the creation time in milliseconds (12 digits), then 80 random bits.
     * Time first, as in UUIDv7: ids sort by creation, so rows land at the end of the ledger's unique
     * request-id indexes instead of on a random page each (about 5x less SQLite work per usage row).
     */
    public static String newRequestId() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        char[] id = new char[36];
        id[0] = 'r'; id[1] = 'e'; id[2] = 'q'; id[3] = '_';
        hex(id, 4, System.currentTimeMillis(), 12);
        hex(id, 16, rnd.nextLong(), 16);
        hex(id, 32, rnd.nextInt(), 4);
        return new String(id);
    }

    private static void hex(char[] out, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = Character.forDigit((int) (value & 0xf), 16);
            value >>>= 4;
        }
    }

    public JunctionConfig config() { return config; }

    @Override public void close() {
        for (ProviderAdapter a : adapters.values()) {
            try {
                a.close();
            } catch (Exception e) {
                log.warn("closing adapter {} failed", a.api(), e);
            }
        }
        streamTimer.shutdownNow();
        if (ownsUsageSink) usageSink.close();
    }

    /** Wiring, with the seams tests use: clock, randomness, sleeps, adapters, usage sink, listeners. */
    public static final class Builder {
        private final JunctionConfig config;
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Sleeper sleeper = Sleeper.REAL;
        private final Map<String, ProviderAdapter> adapterOverrides = new HashMap<>();
        private UsageSink usageSink;
        private boolean ownsUsageSink = true;
        private final List<AttemptListener> listeners = new ArrayList<>();

        private Builder(JunctionConfig config) { this.config = config; }

        public Builder clock(InstantSource c) { this.clock = c; return this; }
        public Builder random(RandomGenerator r) { this.random = r; return this; }
        public Builder sleeper(Sleeper s) { this.sleeper = s; return this; }
        /** Uses {@code adapter} for provider {@code name} instead of the one its {@code api} selects. */
        public Builder adapter(String name, ProviderAdapter adapter) { adapterOverrides.put(name, adapter); return this; }
        public Builder usageSink(UsageSink sink) { this.usageSink = sink; return this; }
        /**
         * Uses a sink owned by the caller: {@link Junction#close()} leaves it open, so one sink can serve
         * several Junctions in turn (a config reload) and is closed once, by its owner.
         */
        public Builder sharedUsageSink(UsageSink sink) {
            this.usageSink = sink;
            this.ownsUsageSink = false;
            return this;
        }
        public Builder listener(AttemptListener l) { listeners.add(l); return this; }

        public Junction build() {
            Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
            List<ProviderAdapterFactory> factories = ServiceLoader.load(ProviderAdapterFactory.class).stream()
                    .map(ServiceLoader.Provider::get).toList();
            List<String> problems = new ArrayList<>();
            for (ProviderConfig p : config.providers().values()) {
                ProviderAdapter a = adapterOverrides.get(p.name());
                if (a == null) {
                    a = factories.stream().filter(f -> f.apis().contains(p.api())).findFirst()
                            .map(f -> f.create(p)).orElse(null);
                }
                if (a == null) {
                    problems.add(config.source() + ": providers." + p.name() + ".api: no adapter for api '" + p.api()
                            + "' on the classpath (add junction-providers)");
                } else {
                    adapters.put(p.name(), a);
                }
            }
            if (!problems.isEmpty()) throw new ConfigException(problems);
            UsageSink sink = usageSink != null ? usageSink : findSink();
            return new Junction(this, adapters, sink);
        }

        private UsageSink findSink() {
            String store = config.usage().store();
            for (UsageSinkFactory f : ServiceLoader.load(UsageSinkFactory.class)) {
                if (f.supports(store)) return f.create(config.usage());
            }
            log.warn("no usage store on the classpath supports '{}'; usage rows are not kept (add junction-ledger)", store);
            return UsageSink.NONE;
        }
    }
}
