package dev.junction.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ledger.store.JdbcUsageStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Sends the demo's requests to a running gateway as any OpenAI client would, and keeps the answers. */
public final class DemoRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<DemoReport.Outcome> outcomes;

    private DemoRun(List<DemoReport.Outcome> outcomes) { this.outcomes = outcomes; }

    public static DemoRun send(String gatewayBase) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<DemoReport.Outcome> outcomes = new ArrayList<>();
        for (DemoCall call : DemoCall.all()) {
            ObjectNode body = JSON.createObjectNode().put("model", call.model());
            body.putArray("messages").addObject().put("role", "user").put("content", call.prompt());
            if (call.stream()) {
                body.put("stream", true);
                body.putObject("stream_options").put("include_usage", true);
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayBase + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .header("X-Junction-Customer", call.customer())
                    .header("X-Junction-Tags", "feature=demo")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            outcomes.add(call.stream() ? streamed(http, req, call) : whole(http, req, call));
        }
        return new DemoRun(outcomes);
    }

    private static DemoReport.Outcome whole(HttpClient http, HttpRequest req, DemoCall call) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        long ms = (System.nanoTime() - start) / 1_000_000;
        JsonNode json = JSON.readTree(res.body());
        var h = res.headers();
        return new DemoReport.Outcome(call, res.statusCode(), h.firstValue("X-Junction-Request-Id").orElse(""),
                h.firstValue("X-Junction-Model").orElse("-"), h.firstValue("X-Junction-Fallback").orElse("-"),
                h.firstValue("X-Junction-Attempts").orElse(null), json.path("usage").path("prompt_tokens").asLong(),
                json.path("usage").path("completion_tokens").asLong(), h.firstValue("X-Junction-Cost-Usd").orElse("-"),
                ms, json.path("error").path("code").asText(null), 0, null);
    }

    /** Reads the SSE stream line by line, as it arrives, counting chunks and timing the first one. */
    private static DemoReport.Outcome streamed(HttpClient http, HttpRequest req, DemoCall call) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
        Long firstChunkMs = null;
        int chunks = 0;
        JsonNode usage = null;
        String error = null;
        for (String line : (Iterable<String>) res.body()::iterator) {
            if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
            if (firstChunkMs == null) firstChunkMs = (System.nanoTime() - start) / 1_000_000;
            chunks++;
            JsonNode chunk = JSON.readTree(line.substring(6));
            if (chunk.hasNonNull("usage")) usage = chunk.get("usage");
            if (chunk.has("error")) error = chunk.path("error").path("code").asText();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        var h = res.headers();
        return new DemoReport.Outcome(call, res.statusCode(), h.firstValue("X-Junction-Request-Id").orElse(""),
                h.firstValue("X-Junction-Model").orElse("-"), h.firstValue("X-Junction-Fallback").orElse("-"),
                h.firstValue("X-Junction-Attempts").orElse(null), usage == null ? 0 : usage.path("prompt_tokens").asLong(),
                usage == null ? 0 : usage.path("completion_tokens").asLong(), "-", ms, error, chunks, firstChunkMs);
    }

    /** Prints each request's outcome with its attempts read back from the ledger, then the usage summary. */
    public void print(PrintStream out, String storeUrl) {
        try (JdbcUsageStore store = JdbcUsageStore.connect(storeUrl)) {
            DemoReport.print(out, outcomes, store.queries());
        }
    }
}
