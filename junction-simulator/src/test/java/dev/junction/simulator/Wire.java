package dev.junction.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tests' HTTP client: the JDK's, over HTTP/1.1, exactly as an adapter might call a provider. */
final class Wire {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Wire() {}

    static HttpRequest.Builder post(String url, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) builder.headers(headers);
        return builder;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<InputStream> open(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean parses(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Splits an SSE body on its blank lines; every element is one event without its separator. */
    static List<String> events(String body, String separator) {
        List<String> events = new ArrayList<>(Arrays.asList(body.split(separator, -1)));
        if (!events.isEmpty() && events.getLast().isEmpty()) events.removeLast();
        return events;
    }

    /** Reads {@code n} bytes-worth of events: blocks until {@code count} separators were read. */
    static String readEvents(InputStream in, int count, String separator) throws IOException {
        StringBuilder text = new StringBuilder();
        int seen = 0;
        while (seen < count) {
            int b = in.read();
            if (b < 0) throw new IOException("stream ended after " + seen + " events");
            text.append((char) b);
            if (text.toString().endsWith(separator) && text.length() > 0) {
                seen = Wire.events(text.toString(), separator).size();
            }
        }
        return text.toString();
    }
}
