package dev.junction.gateway.access;

import dev.junction.gateway.openai.JunctionHeaders;
import dev.junction.json.JsonLineWriter;
import dev.junction.json.JsonLineWriter.Name;
import io.helidon.http.HeaderName;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per HTTP request: time, request id, method, path, status, latency, and for chat requests
 * the task, served model, attempts, fallback, customer and key id. What a handler learns (customer, key)
 * it leaves in {@link Details}; the rest comes from Junction's response headers. Never a prompt, never a
 * key. The lines go to an {@link AccessLogWriter} (batched); the logger {@code junction.access} is the
 * switch: below INFO, no line is made.
 */
public final class AccessLog implements Filter {
    static final Logger LOG = LoggerFactory.getLogger("junction.access");

    // the line's names, encoded once
    private static final Name TIME = Name.of("time");
    private static final Name REQUEST_ID = Name.of("requestId");
    private static final Name METHOD = Name.of("method");
    private static final Name PATH = Name.of("path");
    private static final Name STATUS = Name.of("status");
    private static final Name LATENCY_MS = Name.of("latencyMs");
    private static final Name TASK = Name.of("task");
    private static final Name MODEL = Name.of("model");
    private static final Name ATTEMPTS = Name.of("attempts");
    private static final Name FALLBACK = Name.of("fallback");
    private static final Name CUSTOMER = Name.of("customer");
    private static final Name API_KEY_ID = Name.of("apiKeyId");

    private final AccessLogWriter writer;

    public AccessLog(AccessLogWriter writer) { this.writer = writer; }

    /** What the handler adds to the line; registered in the request's context. */
    public static final class Details {
        volatile String customer;
        volatile String apiKeyId;

        public void customer(String c) { customer = c; }

        public void apiKeyId(String id) { apiKeyId = id; }
    }

    /** The details holder of a request, when the access log runs. */
    public static void note(io.helidon.webserver.http.ServerRequest req, String customer, String apiKeyId) {
        req.context().get(Details.class).ifPresent(d -> {
            if (customer != null) d.customer(customer);
            if (apiKeyId != null) d.apiKeyId(apiKeyId);
        });
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!LOG.isInfoEnabled()) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        Details details = new Details();
        req.context().register(details);
        try {
            chain.proceed();
        } finally {
            writer.accept(line(req, res, details, (System.nanoTime() - start) / 1_000_000));
        }
    }

    private static byte[] line(RoutingRequest req, RoutingResponse res, Details d, long latencyMs) {
        ServerResponseHeaders h = res.headers();
        JsonLineWriter w = new JsonLineWriter(384).startObject()
                .field(TIME, Instant.now());
        optional(w, REQUEST_ID, header(h, JunctionHeaders.REQUEST_ID))
                .field(METHOD, req.prologue().method().text())
                .field(PATH, req.path().path())
                .field(STATUS, res.status().code())
                .field(LATENCY_MS, latencyMs);
        optional(w, TASK, header(h, JunctionHeaders.TASK));
        optional(w, MODEL, header(h, JunctionHeaders.MODEL));
        String attempts = header(h, JunctionHeaders.ATTEMPTS);
        if (attempts != null) w.field(ATTEMPTS, Integer.parseInt(attempts));
        String fallback = header(h, JunctionHeaders.FALLBACK);
        if (fallback != null) w.field(FALLBACK, Boolean.parseBoolean(fallback));
        optional(w, CUSTOMER, d.customer);
        optional(w, API_KEY_ID, d.apiKeyId);
        return w.endObject().toByteArray();
    }

    private static JsonLineWriter optional(JsonLineWriter w, Name name, String value) {
        return value == null ? w : w.field(name, value);
    }

    private static String header(ServerResponseHeaders h, HeaderName name) {
        return h.contains(name) ? h.get(name).get() : null;
    }
}
