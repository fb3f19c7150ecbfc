package dev.junction.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.catalog.Prices;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.json.JsonLineWriter;
import dev.junction.json.JsonLineWriter.Name;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.runner.SkipReason;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@link UsageRecord} as one line of JSON, and back, losing nothing: a replayed record is
 * equal to the one offered. Written out by hand because core's records carry no Jackson
 * annotations and {@link Outcome} is a sealed type.
 */
final class JournalCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    // the names of every line, encoded once (see JsonLineWriter.Name)
    private static final Name CREATED_AT = Name.of("createdAt");
    private static final Name REQUEST_ID = Name.of("requestId");
    private static final Name CUSTOMER_ID = Name.of("customerId");
    private static final Name TASK = Name.of("task");
    private static final Name ROUTE_PRIMARY = Name.of("routePrimary");
    private static final Name MODEL = Name.of("model");
    private static final Name PROVIDER = Name.of("provider");
    private static final Name FALLBACK = Name.of("fallback");
    private static final Name ATTEMPT_COUNT = Name.of("attemptCount");
    private static final Name COST_USD = Name.of("costUsd");
    private static final Name LATENCY_MS = Name.of("latencyMs");
    private static final Name TTFT_MS = Name.of("ttftMs");
    private static final Name STREAM = Name.of("stream");
    private static final Name STATUS = Name.of("status");
    private static final Name ERROR_CLASS = Name.of("errorClass");
    private static final Name TAGS = Name.of("tags");
    private static final Name API_KEY_ID = Name.of("apiKeyId");
    private static final Name PRICES = Name.of("prices");
    private static final Name INPUT_PER_M_TOK = Name.of("inputPerMTok");
    private static final Name OUTPUT_PER_M_TOK = Name.of("outputPerMTok");
    private static final Name CACHED_INPUT_PER_M_TOK = Name.of("cachedInputPerMTok");
    private static final Name ATTEMPTS = Name.of("attempts");
    private static final Name ORDINAL = Name.of("ordinal");
    private static final Name HTTP_STATUS = Name.of("httpStatus");
    private static final Name USAGE = Name.of("usage");
    private static final Name INPUT = Name.of("input");
    private static final Name CACHED_INPUT = Name.of("cachedInput");
    private static final Name OUTPUT = Name.of("output");
    private static final Name REASONING = Name.of("reasoning");
    private static final Name OUTCOME = Name.of("outcome");
    private static final Name KIND = Name.of("kind");
    private static final Name REASON = Name.of("reason");
    private static final Name RETRY_AFTER_MS = Name.of("retryAfterMs");
    private static final Name PROVIDER_CODE = Name.of("providerCode");
    private static final Name MESSAGE = Name.of("message");

    private JournalCodec() {}

    static String encode(UsageRecord r) {
        JsonLineWriter w = write(r, new JsonLineWriter(768));
        return new String(w.array(), 0, w.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Appends one record as a JSON object (no newline) to {@code w}: this runs on the request thread for
     * every row (the intake log), so it writes bytes in place rather than through a general generator.
     */
    static JsonLineWriter write(UsageRecord r, JsonLineWriter w) {
        w.startObject()
                .field(CREATED_AT, r.createdAt())
                .field(REQUEST_ID, r.requestId())
                .field(CUSTOMER_ID, r.customerId())
                .field(TASK, r.task())
                .field(ROUTE_PRIMARY, r.routePrimary())
                .field(MODEL, r.model())
                .field(PROVIDER, r.provider())
                .field(FALLBACK, r.fallback())
                .field(ATTEMPT_COUNT, r.attemptCount());
        usage(w, r.usage())
                .field(COST_USD, r.costUsd())
                .field(LATENCY_MS, r.latencyMs())
                .field(TTFT_MS, r.ttftMs())
                .field(STREAM, r.stream())
                .field(STATUS, r.status().wireName())
                .field(ERROR_CLASS, r.errorClass())
                .startObject(TAGS);
        for (var t : r.tags().entrySet()) w.field(t.getKey(), t.getValue());
        w.endObject().field(API_KEY_ID, r.apiKeyId());
        if (r.prices() != null) {
            w.startObject(PRICES)
                    .field(INPUT_PER_M_TOK, (Double) r.prices().inputPerMTok())
                    .field(OUTPUT_PER_M_TOK, (Double) r.prices().outputPerMTok())
                    .field(CACHED_INPUT_PER_M_TOK, r.prices().cachedInputPerMTok())
                    .endObject();
        }
        w.startArray(ATTEMPTS);
        for (Attempt a : r.attempts()) {
            w.startObject().field(ORDINAL, a.ordinal()).field(MODEL, a.model().toString());
            outcome(w, a.outcome())
                    .field(HTTP_STATUS, a.httpStatus())
                    .field(LATENCY_MS, a.latencyMs())
                    .field(TTFT_MS, a.ttftMs());
            usage(w, a.usage()).field(COST_USD, a.costUsd()).endObject();
        }
        return w.endArray().endObject();
    }

    private static JsonLineWriter usage(JsonLineWriter w, Usage u) {
        return w.startObject(USAGE)
                .field(INPUT, u.inputTokens())
                .field(CACHED_INPUT, u.cachedInputTokens())
                .field(OUTPUT, u.outputTokens())
                .field(REASONING, u.reasoningTokens())
                .endObject();
    }

    private static JsonLineWriter outcome(JsonLineWriter w, Outcome o) {
        w.startObject(OUTCOME);
        switch (o) {
            case Outcome.Ok ok -> w.field(KIND, "ok");
            case Outcome.Cancelled c -> w.field(KIND, "cancelled");
            case Outcome.Skipped sk -> w.field(KIND, "skipped").field(REASON, sk.reason().name());
            case Outcome.Failed f -> failure(w, "failed", f.failure());
            case Outcome.Interrupted i -> failure(w, "interrupted", i.failure());
        }
        return w.endObject();
    }

    private static void failure(JsonLineWriter w, String kind, Failure f) {
        w.field(KIND, kind)
                .field(ERROR_CLASS, f.errorClass().wireName())
                .field(HTTP_STATUS, f.httpStatus())
                .field(RETRY_AFTER_MS, f.retryAfter() == null ? null : (Long) f.retryAfter().toMillis())
                .field(PROVIDER_CODE, f.providerCode())
                .field(MESSAGE, f.message());
    }

    /** Throws {@link IllegalArgumentException} when the line is not a complete record. */
    static UsageRecord decode(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            List<Attempt> attempts = new ArrayList<>();
            for (JsonNode a : n.path("attempts")) {
                attempts.add(new Attempt(a.path("ordinal").asInt(), ModelId.parse(a.path("model").asText()),
                        outcome(a.path("outcome")), a.path("httpStatus").asInt(), a.path("latencyMs").asLong(),
                        longOrNull(a, "ttftMs"), usage(a.path("usage")), doubleOrNull(a, "costUsd")));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            n.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
            return new UsageRecord(Instant.parse(n.path("createdAt").asText()), text(n, "requestId"),
                    text(n, "customerId"), text(n, "task"), text(n, "routePrimary"), text(n, "model"),
                    text(n, "provider"), n.path("fallback").asBoolean(), n.path("attemptCount").asInt(),
                    usage(n.path("usage")), doubleOrNull(n, "costUsd"), n.path("latencyMs").asLong(),
                    longOrNull(n, "ttftMs"), n.path("stream").asBoolean(),
                    UsageStatus.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)), text(n, "errorClass"),
                    tags, text(n, "apiKeyId"), attempts, prices(n.get("prices")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a journal record: " + e.getMessage(), e);
        }
    }

    private static Usage usage(JsonNode n) {
        return new Usage(n.path("input").asLong(), n.path("cachedInput").asLong(), n.path("output").asLong(),
                n.path("reasoning").asLong());
    }

    /** Absent in lines written before prices were kept: those rows replay without prices. */
    private static Prices prices(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return new Prices(n.path("inputPerMTok").asDouble(), n.path("outputPerMTok").asDouble(),
                doubleOrNull(n, "cachedInputPerMTok"));
    }

    private static Outcome outcome(JsonNode n) {
        String kind = n.path("kind").asText();
        return switch (kind) {
            case "ok" -> Outcome.OK;
            case "cancelled" -> Outcome.CANCELLED;
            case "skipped" -> new Outcome.Skipped(SkipReason.valueOf(n.path("reason").asText()));
            case "failed" -> new Outcome.Failed(failure(n));
            case "interrupted" -> new Outcome.Interrupted(failure(n));
            default -> throw new IllegalArgumentException("unknown outcome kind '" + kind + "'");
        };
    }

    private static Failure failure(JsonNode n) {
        Long retryAfterMs = longOrNull(n, "retryAfterMs");
        return new Failure(ErrorClass.fromWireName(n.path("errorClass").asText()), n.path("httpStatus").asInt(),
                retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs), text(n, "providerCode"),
                text(n, "message"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Double doubleOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
