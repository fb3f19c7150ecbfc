package dev.junction.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        byte[] line = encodeLine(r);
        return new String(line, 0, line.length - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * One record as a JSON line, newline included. Written with a streaming generator, not a tree: this
     * runs on the request thread for every row (the intake log).
     */
    static byte[] encodeLine(UsageRecord r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(768);
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("createdAt", r.createdAt().toString());
            g.writeStringField("requestId", r.requestId());
            g.writeStringField("customerId", r.customerId());
            g.writeStringField("task", r.task());
            g.writeStringField("routePrimary", r.routePrimary());
            g.writeStringField("model", r.model());
            g.writeStringField("provider", r.provider());
            g.writeBooleanField("fallback", r.fallback());
            g.writeNumberField("attemptCount", r.attemptCount());
            usage(g, "usage", r.usage());
            number(g, "costUsd", r.costUsd());
            g.writeNumberField("latencyMs", r.latencyMs());
            number(g, "ttftMs", r.ttftMs());
            g.writeBooleanField("stream", r.stream());
            g.writeStringField("status", r.status().wireName());
            g.writeStringField("errorClass", r.errorClass());
            g.writeObjectFieldStart("tags");
            for (var t : r.tags().entrySet()) g.writeStringField(t.getKey(), t.getValue());
            g.writeEndObject();
            g.writeStringField("apiKeyId", r.apiKeyId());
            if (r.prices() != null) {
                g.writeObjectFieldStart("prices");
                g.writeNumberField("inputPerMTok", r.prices().inputPerMTok());
                g.writeNumberField("outputPerMTok", r.prices().outputPerMTok());
                number(g, "cachedInputPerMTok", r.prices().cachedInputPerMTok());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("attempts");
            for (Attempt a : r.attempts()) {
                g.writeStartObject();
                g.writeNumberField("ordinal", a.ordinal());
                g.writeStringField("model", a.model().toString());
                outcome(g, a.outcome());
                g.writeNumberField("httpStatus", a.httpStatus());
                g.writeNumberField("latencyMs", a.latencyMs());
                number(g, "ttftMs", a.ttftMs());
                usage(g, "usage", a.usage());
                number(g, "costUsd", a.costUsd());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to memory does not fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void number(com.fasterxml.jackson.core.JsonGenerator g, String field, Number value) throws java.io.IOException {
        if (value == null) g.writeNullField(field);
        else if (value instanceof Double d) g.writeNumberField(field, d);
        else g.writeNumberField(field, value.longValue());
    }

    private static void usage(com.fasterxml.jackson.core.JsonGenerator g, String field, Usage u) throws java.io.IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("input", u.inputTokens());
        g.writeNumberField("cachedInput", u.cachedInputTokens());
        g.writeNumberField("output", u.outputTokens());
        g.writeNumberField("reasoning", u.reasoningTokens());
        g.writeEndObject();
    }

    private static void outcome(com.fasterxml.jackson.core.JsonGenerator g, Outcome o) throws java.io.IOException {
        g.writeObjectFieldStart("outcome");
        switch (o) {
            case Outcome.Ok ok -> g.writeStringField("kind", "ok");
            case Outcome.Cancelled c -> g.writeStringField("kind", "cancelled");
            case Outcome.Skipped sk -> {
                g.writeStringField("kind", "skipped");
                g.writeStringField("reason", sk.reason().name());
            }
            case Outcome.Failed f -> failure(g, "failed", f.failure());
            case Outcome.Interrupted i -> failure(g, "interrupted", i.failure());
        }
        g.writeEndObject();
    }

    private static void failure(com.fasterxml.jackson.core.JsonGenerator g, String kind, Failure f) throws java.io.IOException {
        g.writeStringField("kind", kind);
        g.writeStringField("errorClass", f.errorClass().wireName());
        g.writeNumberField("httpStatus", f.httpStatus());
        number(g, "retryAfterMs", f.retryAfter() == null ? null : f.retryAfter().toMillis());
        g.writeStringField("providerCode", f.providerCode());
        g.writeStringField("message", f.message());
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
