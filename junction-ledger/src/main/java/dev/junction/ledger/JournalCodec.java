package dev.junction.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.catalog.Prices;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.json.JsonLineWriter;
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
                .field("createdAt", r.createdAt())
                .field("requestId", r.requestId())
                .field("customerId", r.customerId())
                .field("task", r.task())
                .field("routePrimary", r.routePrimary())
                .field("model", r.model())
                .field("provider", r.provider())
                .field("fallback", r.fallback())
                .field("attemptCount", r.attemptCount());
        usage(w, r.usage())
                .field("costUsd", r.costUsd())
                .field("latencyMs", r.latencyMs())
                .field("ttftMs", r.ttftMs())
                .field("stream", r.stream())
                .field("status", r.status().wireName())
                .field("errorClass", r.errorClass())
                .startObject("tags");
        for (var t : r.tags().entrySet()) w.field(t.getKey(), t.getValue());
        w.endObject().field("apiKeyId", r.apiKeyId());
        if (r.prices() != null) {
            w.startObject("prices")
                    .field("inputPerMTok", (Double) r.prices().inputPerMTok())
                    .field("outputPerMTok", (Double) r.prices().outputPerMTok())
                    .field("cachedInputPerMTok", r.prices().cachedInputPerMTok())
                    .endObject();
        }
        w.startArray("attempts");
        for (Attempt a : r.attempts()) {
            w.startObject().field("ordinal", a.ordinal()).field("model", a.model().toString());
            outcome(w, a.outcome())
                    .field("httpStatus", a.httpStatus())
                    .field("latencyMs", a.latencyMs())
                    .field("ttftMs", a.ttftMs());
            usage(w, a.usage()).field("costUsd", a.costUsd()).endObject();
        }
        return w.endArray().endObject();
    }

    private static JsonLineWriter usage(JsonLineWriter w, Usage u) {
        return w.startObject("usage")
                .field("input", u.inputTokens())
                .field("cachedInput", u.cachedInputTokens())
                .field("output", u.outputTokens())
                .field("reasoning", u.reasoningTokens())
                .endObject();
    }

    private static JsonLineWriter outcome(JsonLineWriter w, Outcome o) {
        w.startObject("outcome");
        switch (o) {
            case Outcome.Ok ok -> w.field("kind", "ok");
            case Outcome.Cancelled c -> w.field("kind", "cancelled");
            case Outcome.Skipped sk -> w.field("kind", "skipped").field("reason", sk.reason().name());
            case Outcome.Failed f -> failure(w, "failed", f.failure());
            case Outcome.Interrupted i -> failure(w, "interrupted", i.failure());
        }
        return w.endObject();
    }

    private static void failure(JsonLineWriter w, String kind, Failure f) {
        w.field("kind", kind)
                .field("errorClass", f.errorClass().wireName())
                .field("httpStatus", f.httpStatus())
                .field("retryAfterMs", f.retryAfter() == null ? null : (Long) f.retryAfter().toMillis())
                .field("providerCode", f.providerCode())
                .field("message", f.message());
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
