package dev.junction.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.catalog.Prices;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
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
        ObjectNode n = JSON.createObjectNode();
        n.put("createdAt", r.createdAt().toString());
        n.put("requestId", r.requestId());
        n.put("customerId", r.customerId());
        n.put("task", r.task());
        n.put("routePrimary", r.routePrimary());
        n.put("model", r.model());
        n.put("provider", r.provider());
        n.put("fallback", r.fallback());
        n.put("attemptCount", r.attemptCount());
        n.set("usage", usage(r.usage()));
        n.put("costUsd", r.costUsd());
        n.put("latencyMs", r.latencyMs());
        n.put("ttftMs", r.ttftMs());
        n.put("stream", r.stream());
        n.put("status", r.status().wireName());
        n.put("errorClass", r.errorClass());
        ObjectNode tags = n.putObject("tags");
        r.tags().forEach(tags::put);
        n.put("apiKeyId", r.apiKeyId());
        if (r.prices() != null) {
            ObjectNode prices = n.putObject("prices");
            prices.put("inputPerMTok", r.prices().inputPerMTok());
            prices.put("outputPerMTok", r.prices().outputPerMTok());
            prices.put("cachedInputPerMTok", r.prices().cachedInputPerMTok());
        }
        var attempts = n.putArray("attempts");
        for (Attempt a : r.attempts()) {
            ObjectNode an = attempts.addObject();
            an.put("ordinal", a.ordinal());
            an.put("model", a.model().toString());
            an.set("outcome", outcome(a.outcome()));
            an.put("httpStatus", a.httpStatus());
            an.put("latencyMs", a.latencyMs());
            an.put("ttftMs", a.ttftMs());
            an.set("usage", usage(a.usage()));
            an.put("costUsd", a.costUsd());
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
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

    private static ObjectNode usage(Usage u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("input", u.inputTokens());
        n.put("cachedInput", u.cachedInputTokens());
        n.put("output", u.outputTokens());
        n.put("reasoning", u.reasoningTokens());
        return n;
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

    private static ObjectNode outcome(Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        switch (o) {
            case Outcome.Ok ok -> n.put("kind", "ok");
            case Outcome.Cancelled c -> n.put("kind", "cancelled");
            case Outcome.Skipped s -> n.put("kind", "skipped").put("reason", s.reason().name());
            case Outcome.Failed f -> failure(n.put("kind", "failed"), f.failure());
            case Outcome.Interrupted i -> failure(n.put("kind", "interrupted"), i.failure());
        }
        return n;
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

    private static void failure(ObjectNode n, Failure f) {
        n.put("errorClass", f.errorClass().wireName());
        n.put("httpStatus", f.httpStatus());
        n.put("retryAfterMs", f.retryAfter() == null ? null : f.retryAfter().toMillis());
        n.put("providerCode", f.providerCode());
        n.put("message", f.message());
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
