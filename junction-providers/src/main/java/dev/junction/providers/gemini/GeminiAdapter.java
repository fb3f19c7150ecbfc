package dev.junction.providers.gemini;

import static dev.junction.providers.gemini.GeminiWire.*;

import dev.junction.config.ProviderConfig;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.providers.http.MappedRequest;
import dev.junction.providers.http.SseProviderStream;
import dev.junction.providers.http.UpstreamClient;
import dev.junction.providers.http.UpstreamResponse;
import dev.junction.providers.http.UpstreamStream;
import dev.junction.providers.http.UpstreamTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the Generative Language API v1beta to one configured Gemini provider: where to send
 * ({@code {baseUrl}/v1beta/models/{model}:generateContent}, or {@code :streamGenerateContent?alt=sse}),
 * with the key in {@code x-goog-api-key} (never in the URL, so it cannot leak into a log line).
 * Mapping, decoding and classification live in the other classes of this package; this one only
 * connects them to HTTP. Thread-safe; shared by every request to the provider.
 */
public final class GeminiAdapter implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiAdapter.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ProviderConfig config;
    private final UpstreamClient client;
    private final GeminiRequestMapper requestMapper = new GeminiRequestMapper();
    private final GeminiErrorClassifier classifier;
    private final GeminiResponseMapper responseMapper;
    private final String baseUrl;

    public GeminiAdapter(ProviderConfig config, UpstreamClient client) {
        this(config, client, new Random());
    }

    /** @param random source of synthesized tool-call ids; shared across threads, so it must be thread-safe */
    GeminiAdapter(ProviderConfig config, UpstreamClient client, RandomGenerator random) {
        this.config = config;
        this.client = client;
        this.classifier = new GeminiErrorClassifier(config.apiKey());
        this.responseMapper = new GeminiResponseMapper(classifier, new GeminiToolCallIds(random));
        String base = config.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override public String api() { return config.api(); }

    @Override
    public ChatResult complete(ProviderCall call) {
        MappedRequest mapped = map(call);
        UpstreamResponse response;
        try {
            response = client.post(uri(call, GENERATE), headers(JSON), mapped.bytes(), call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!response.successful()) throw new ProviderException(classifier.classify(response.status(), response.headers(), response.body()));
        return responseMapper.parse(response.body()).withDroppedParams(mapped.dropped());
    }

    @Override
    public ProviderStream stream(ProviderCall call) {
        MappedRequest mapped = map(call);
        UpstreamStream upstream;
        try {
            upstream = client.postStream(uri(call, STREAM_GENERATE), headers(EVENT_STREAM), mapped.bytes(), call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!upstream.successful()) throw new ProviderException(classifier.classify(upstream.status(), upstream.headers(), upstream.errorBody()));
        return new SseProviderStream(upstream, new GeminiStreamDecoder(classifier, responseMapper), classifier).withDroppedParams(mapped.dropped());
    }

    private MappedRequest map(ProviderCall call) {
        MappedRequest mapped = requestMapper.write(call.request(), model(call));
        call.requireSupported(mapped.dropped());
        if (!mapped.dropped().isEmpty()) LOG.debug("provider {} does not take {}; not sent", config.name(), mapped.dropped());
        return mapped;
    }

    /** The bare model id: a configured {@code models/gemini-2.5-flash} resource name works too. */
    private static String model(ProviderCall call) {
        String model = call.deployment().upstreamModel();
        return model.startsWith(MODEL_RESOURCE_PREFIX) ? model.substring(MODEL_RESOURCE_PREFIX.length()) : model;
    }

    private URI uri(ProviderCall call, String method) {
        return URI.create(baseUrl + MODELS_PATH + URLEncoder.encode(model(call), StandardCharsets.UTF_8) + method);
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("Accept", accept);
        if (config.apiKey() != null && !config.apiKey().isEmpty()) h.put(HEADER_API_KEY, config.apiKey().reveal());
        h.putAll(config.headers());
        return h;
    }

    @Override public void close() { client.close(); }
}
