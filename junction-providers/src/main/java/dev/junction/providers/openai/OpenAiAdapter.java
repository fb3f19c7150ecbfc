package dev.junction.providers.openai;

import dev.junction.config.ProviderConfig;
import dev.junction.error.ProviderException;
import dev.junction.model.ChatResult;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.providers.http.MappedRequest;
import dev.junction.providers.http.SseProviderStream;
import dev.junction.providers.http.RequestBytes;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks Chat Completions to one configured OpenAI-compatible provider: where to send ({@code
 * {baseUrl}/chat/completions}, or Azure's deployment URL), with which headers and key. Mapping,
 * decoding and classification live in the other classes of this package; this one only connects
 * them to HTTP. Thread-safe; shared by every request to the provider.
 */
public final class OpenAiAdapter implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiAdapter.class);
    private static final String CHAT_PATH = "/chat/completions";
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final ProviderConfig config;
    private final OpenAiDialect dialect;
    private final UpstreamClient client;
    private final OpenAiRequestMapper requestMapper = new OpenAiRequestMapper();
    private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier();
    private final OpenAiResponseMapper responseMapper = new OpenAiResponseMapper(classifier);
    private final String baseUrl;
    /** {@code {baseUrl}/chat/completions}, parsed once: a URI per request showed up in profiles. */
    private final URI chatUri;

    public OpenAiAdapter(ProviderConfig config, OpenAiDialect dialect, UpstreamClient client) {
        this.config = config;
        this.dialect = dialect;
        this.client = client;
        String base = config.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.chatUri = URI.create(baseUrl + CHAT_PATH);
    }

    @Override public String api() { return config.api(); }

    @Override
    public ChatResult complete(ProviderCall call) {
        MappedRequest mapped = map(call, false);
        RequestBytes body = mapped.bytes();
        UpstreamResponse response;
        try {
            response = client.post(uri(call), headers(JSON), body, call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!response.successful()) throw new ProviderException(classifier.classify(response.status(), response.headers(), response.body()));
        return responseMapper.parse(response.body()).withDroppedParams(mapped.dropped());
    }

    @Override
    public ProviderStream stream(ProviderCall call) {
        MappedRequest mapped = map(call, true);
        RequestBytes body = mapped.bytes();
        UpstreamStream upstream;
        try {
            upstream = client.postStream(uri(call), headers(EVENT_STREAM), body, call.timeout());
        } catch (IOException e) {
            throw new ProviderException(classifier.classify(e, e instanceof UpstreamTimeoutException), e);
        }
        if (!upstream.successful()) throw new ProviderException(classifier.classify(upstream.status(), upstream.headers(), upstream.errorBody()));
        return new SseProviderStream(upstream, new OpenAiStreamDecoder(classifier), classifier).withDroppedParams(mapped.dropped());
    }

    private MappedRequest map(ProviderCall call, boolean stream) {
        var request = call.request().withStream(stream, stream);
        MappedRequest mapped = requestMapper.write(request, call.deployment().upstreamModel(), dialect);
        call.requireSupported(mapped.dropped());
        if (!mapped.dropped().isEmpty()) LOG.debug("provider {} does not take {}; not sent", config.name(), mapped.dropped());
        return mapped;
    }

    private URI uri(ProviderCall call) {
        if (dialect.deploymentInPath() && config.apiVersion() != null) {
            String deployment = URLEncoder.encode(call.deployment().upstreamModel(), StandardCharsets.UTF_8);
            return URI.create(baseUrl + "/openai/deployments/" + deployment + CHAT_PATH
                    + "?api-version=" + URLEncoder.encode(config.apiVersion(), StandardCharsets.UTF_8));
        }
        return chatUri;
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("Accept", accept);
        if (config.apiKey() != null && !config.apiKey().isEmpty()) {
            switch (dialect.auth()) {
                case BEARER -> h.put("Authorization", "Bearer " + config.apiKey().reveal());
                case API_KEY_HEADER -> h.put("api-key", config.apiKey().reveal());
            }
        }
        h.putAll(config.headers());
        return h;
    }


    @Override public void close() { client.close(); }
}
