package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Azure OpenAI on its classic URL (reference/providers.md §4.1):
 * {@code POST /azure/openai/deployments/{deployment}/chat/completions?api-version=…} with an
 * {@code api-key} header. The deployment in the path names the model for scripts and recording;
 * the body's {@code model} is not needed.
 *
 * <p>What differs from OpenAI: a URL without {@code api-version} (or any other URL) is Azure's bare
 * 404 {@code Resource not found}; a missing key, or {@code bad-key}, is Azure's 401 (a Bearer header
 * is not read: Entra tokens are not simulated); streams open with the prompt-filter chunk
 * ({@code choices: []}, empty {@code id}/{@code model}, {@code created: 0},
 * {@code prompt_filter_results}); a rate limit, a bad key and a missing model have Azure's bodies,
 * whose {@code code} is a string and which carry no {@code type}.
 */
record AzureOpenAi() implements OpenAiHost {

    private static final String DEPLOYMENTS = "/openai/deployments/";
    private static final String CHAT = "/chat/completions";
    /** The api-version quoted in messages: the GA version reference/providers.md names. */
    private static final String API_VERSION = "2024-10-21";

    @Override public String name() { return "azure-openai"; }

    @Override public String prefix() { return "/azure"; }

    @Override
    public Route route(HttpRequest request, long seq) {
        String endpoint = request.path().substring(prefix().length());
        String version = request.queryParam("api-version");
        boolean chat = request.method().equals("POST") && endpoint.startsWith(DEPLOYMENTS) && endpoint.endsWith(CHAT)
                && endpoint.length() > DEPLOYMENTS.length() + CHAT.length();
        String deployment = chat ? endpoint.substring(DEPLOYMENTS.length(), endpoint.length() - CHAT.length()) : null;
        if (deployment == null || deployment.indexOf('/') >= 0 || version == null || version.isEmpty()) {
            return new Route.Refused(refusal(404, seq, azureError("404", "Resource not found")));
        }
        String key = request.header("api-key");
        if (key == null || key.isEmpty() || key.equals("bad-key")) {
            return new Route.Refused(refusal(401, seq, accessDenied()));
        }
        return new Route.Chat(URLDecoder.decode(deployment, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> headers(String contentType, long seq) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("apim-request-id", "00000000-0000-4000-8000-" + String.format("%012d", seq));
        headers.put("x-request-id", "req_sim" + seq);
        headers.put("x-ms-region", "Sweden Central");
        headers.put("x-ratelimit-remaining-requests", "9999");
        headers.put("x-ratelimit-remaining-tokens", "9999000");
        return headers;
    }

    @Override
    public Map<String, String> errorHeaders(Fault.ErrorKind kind, long seq) {
        Map<String, String> headers = headers(OpenAiPersona.JSON, seq);
        if (kind instanceof Fault.RateLimited limited) {
            Duration wait = limited.retryAfter();
            WaitFormat.putRetryAfter(headers, wait);
            headers.put("x-ratelimit-remaining-requests", "0");
            headers.put("x-ratelimit-remaining-tokens", "0");
        }
        return headers;
    }

    @Override
    public ObjectNode errorBody(Fault.ErrorKind kind, RequestFacts facts) {
        return switch (kind) {
            case Fault.RateLimited r -> azureError("429", "Requests to the ChatCompletions_Create Operation under Azure"
                    + " OpenAI API version " + API_VERSION + " have exceeded token rate limit of your current OpenAI S0"
                    + " pricing tier. Please retry after " + WaitFormat.retryAfterSeconds(r.retryAfter()) + " seconds."
                    + " Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the"
                    + " default rate limit.");
            case Fault.Unauthorized u -> accessDenied();
            case Fault.ModelNotFound m -> azureError("DeploymentNotFound", "The API deployment for this resource does"
                    + " not exist. If you created the deployment within the last 5 minutes, please wait a moment and"
                    + " try again.");
            default -> OpenAiErrors.body(kind, facts);
        };
    }

    /** The prompt-filter chunk every Azure stream starts with: no choices, only the verdicts on the prompt. */
    @Override
    public List<byte[]> streamPrelude(RequestFacts facts) {
        ObjectNode chunk = Json.object();
        chunk.putArray("choices");
        chunk.put("created", 0);
        chunk.put("id", "");
        chunk.put("model", "");
        chunk.put("object", "");
        ObjectNode prompt = chunk.putArray("prompt_filter_results").addObject();
        prompt.put("prompt_index", 0);
        ObjectNode results = prompt.putObject("content_filter_results");
        for (String category : List.of("hate", "self_harm", "sexual", "violence")) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        results.putObject("jailbreak").put("filtered", false).put("detected", false);
        return List.of(Json.dataEvent(chunk));
    }

    private static ObjectNode accessDenied() {
        return azureError("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to"
                + " provide a valid key for an active subscription and use a correct regional API endpoint for your"
                + " resource.");
    }

    /** Azure's gateway errors: {@code {"error":{"code":…,"message":…}}}, no {@code type}, no {@code param}. */
    private static ObjectNode azureError(String code, String message) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        return OpenAiErrors.wrap(error);
    }

    private Reply refusal(int status, long seq, ObjectNode body) {
        return new Reply.Whole(status, headers(OpenAiPersona.JSON, seq), Json.bytes(body));
    }
}
