package dev.junction.providers.anthropic;

import static dev.junction.providers.anthropic.AnthropicWire.*;

import dev.junction.config.ProviderConfig;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.providers.http.MappedRequest;
import dev.junction.providers.http.Redaction;
import dev.junction.providers.http.SseProviderStream;
import dev.junction.providers.http.UpstreamClient;
import dev.junction.providers.http.UpstreamResponse;
import dev.junction.providers.http.UpstreamStream;
import dev.junction.providers.http.UpstreamTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks Anthropic Messages to one configured provider: {@code POST {baseUrl}/v1/messages} with
 * {@code x-api-key}, {@code anthropic-version: 2023-06-01} and the provider's own headers (which win,
 * so a config can pin another version or add {@code anthropic-beta}). Mapping, decoding and
 * classification live in the other classes of this package; this one only connects them to HTTP.
 * Thread-safe; shared by every request to the provider.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicAdapter.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ProviderConfig config;
    private final UpstreamClient client;
    private final AnthropicRequestMapper requestMapper = new AnthropicRequestMapper();
    private final AnthropicErrorClassifier classifier;
    private final AnthropicResponseMapper responseMapper;
    private final URI messagesUri;

    public AnthropicAdapter(ProviderConfig config, UpstreamClient client) {
        this.config = config;
        this.client = client;
        this.classifier = new AnthropicErrorClassifier(Redaction.of(config.apiKey()));
        this.responseMapper = new AnthropicResponseMapper(classifier);
        String base = config.baseUrl().toString();
        this.messagesUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + MESSAGES_PATH);
    }

    @Override public String api() { return config.api(); }

    @Override
    public ChatResult complete(ProviderCall call) {
        MappedRequest mapped = map(call, false);
        UpstreamResponse response;
        try {
            response = client.post(messagesUri, headers(JSON), mapped.bytes(), call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!response.successful()) throw new ProviderException(classifier.classify(response.status(), response.headers(), response.body()));
        ChatResult result = responseMapper.parse(response.body());
        return mapped.dropped().isEmpty() ? result : result.withDroppedParams(mapped.dropped());
    }

    @Override
    public ProviderStream stream(ProviderCall call) {
        MappedRequest mapped = map(call, true);
        UpstreamStream upstream;
        try {
            upstream = client.postStream(messagesUri, headers(EVENT_STREAM), mapped.bytes(), call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!upstream.successful()) throw new ProviderException(classifier.classify(upstream.status(), upstream.headers(), upstream.errorBody()));
        return new SseProviderStream(upstream, new AnthropicStreamDecoder(classifier), classifier).withDroppedParams(mapped.dropped());
    }

    private MappedRequest map(ProviderCall call, boolean stream) {
        var request = call.request().withStream(stream, stream);
        // max_tokens is required here: without the caller's cap, the catalog's output limit for the model
        Integer catalogMax = call.deployment().catalogMaxOutputTokens();
        if (request.maxOutputTokens() == null && catalogMax != null) request = request.withMaxOutputTokens(catalogMax);
        MappedRequest mapped = requestMapper.write(request, call.deployment().upstreamModel());
        call.requireSupported(mapped.dropped());
        // a stream has no result to carry the report; the log keeps it visible
        if (stream && !mapped.dropped().isEmpty()) LOG.debug("provider {} does not take {}; not sent as asked", config.name(), mapped.dropped());
        return mapped;
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("Accept", accept);
        if (config.apiKey() != null && !config.apiKey().isEmpty()) h.put(HEADER_API_KEY, config.apiKey().reveal());
        h.put(HEADER_VERSION, VERSION);
        h.putAll(config.headers());
        return h;
    }

    @Override public void close() { client.close(); }
}
