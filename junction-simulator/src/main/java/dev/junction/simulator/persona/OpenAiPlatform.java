package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenAI's own platform (reference/providers.md §1): {@code POST /openai/v1/chat/completions} and
 * {@code GET /openai/v1/models}, with {@code Authorization: Bearer}.
 *
 * @param knownModels model names listed by {@code GET /v1/models}
 */
record OpenAiPlatform(Supplier<Collection<String>> knownModels) implements OpenAiHost {

    @Override public String name() { return "openai"; }

    @Override public String prefix() { return "/openai"; }

    @Override
    public Route route(HttpRequest request, long seq) {
        Reply authFailure = checkAuth(request.header("authorization"), seq);
        if (authFailure != null) return new Route.Refused(authFailure);
        String endpoint = request.path().substring(prefix().length());
        if (endpoint.equals("/v1/models") && request.method().equals("GET")) return new Route.Models(knownModels.get());
        if (endpoint.equals("/v1/chat/completions") && request.method().equals("POST")) return new Route.Chat(null);
        return new Route.Refused(refusal(404, seq, OpenAiErrors.error("Invalid URL (" + request.method() + " " + endpoint + ")",
                "invalid_request_error", null, null)));
    }

    @Override
    public Map<String, String> headers(String contentType, long seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-request-id", "req_sim" + seq);
        headers.put("openai-organization", "org-simulator");
        headers.put("openai-processing-ms", "1");
        headers.put("openai-version", "2020-10-01");
        headers.put("x-ratelimit-limit-requests", "10000");
        headers.put("x-ratelimit-limit-tokens", "10000000");
        headers.put("x-ratelimit-remaining-requests", "9999");
        headers.put("x-ratelimit-remaining-tokens", "9999000");
        headers.put("x-ratelimit-reset-requests", "6ms");
        headers.put("x-ratelimit-reset-tokens", "0s");
        return headers;
    }

    @Override
    public Map<String, String> errorHeaders(Fault.ErrorKind kind, long seq) {
        Map<String, String> headers = headers(OpenAiPersona.JSON, seq);
        if (kind instanceof Fault.RateLimited limited) {
            Duration wait = limited.retryAfter();
            WaitFormat.putRetryAfter(headers, wait);
            headers.put("x-ratelimit-remaining-requests", "0");
            headers.put("x-ratelimit-reset-requests", WaitFormat.goDuration(wait));
        }
        return headers;
    }

    @Override
    public ObjectNode errorBody(Fault.ErrorKind kind, RequestFacts facts) {
        return OpenAiErrors.body(kind, facts);
    }

    @Override
    public List<byte[]> streamPrelude(RequestFacts facts) {
        return List.of();
    }

    private Reply checkAuth(String authorization, long seq) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
            return refusal(401, seq, OpenAiErrors.error("You didn't provide an API key. You need to provide your API key"
                    + " in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the"
                    + " password field (with blank username) if you're accessing the API from your browser and are prompted"
                    + " for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, null));
        }
        if (authorization.substring(7).equals("bad-key")) {
            return refusal(401, seq, OpenAiErrors.error("Incorrect API key provided: bad-key. You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key"));
        }
        return null;
    }

    private Reply refusal(int status, long seq, ObjectNode body) {
        return new Reply.Whole(status, headers(OpenAiPersona.JSON, seq), Json.bytes(body));
    }
}
