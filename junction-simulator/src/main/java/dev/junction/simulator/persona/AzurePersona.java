package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.fault.Fault;
import dev.junction.simulator.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Azure OpenAI's classic surface (reference/providers.md §4.1) in front of the OpenAI persona:
 * {@code POST /azure/openai/deployments/{deployment}/chat/completions?api-version=...} with an
 * {@code api-key} header. The deployment in the path names the model (scripts and records use it);
 * a missing {@code api-version} is Azure's 404, a missing or rejected key Azure's 401. Everything
 * else, bodies, streams and faults, is the OpenAI wire format, which Azure speaks.
 */
public final class AzurePersona implements Persona {
    private static final String DEPLOYMENTS = "/openai/deployments/";
    private static final String CHAT = "/chat/completions";

    private final OpenAiPersona openAi;

    public AzurePersona(OpenAiPersona openAi) { this.openAi = openAi; }

    @Override public String name() { return "azure"; }

    @Override public String prefix() { return "/azure"; }

    @Override
    public Incoming accept(HttpRequest request, long seq) {
        String endpoint = request.path().substring(prefix().length());
        if (!endpoint.startsWith(DEPLOYMENTS) || !endpoint.endsWith(CHAT) || !request.method().equals("POST")) {
            return azureError(null, 404, "404", "Resource not found");
        }
        String deployment = endpoint.substring(DEPLOYMENTS.length(), endpoint.length() - CHAT.length());
        if (request.queryParam("api-version") == null) return azureError(deployment, 404, "404", "Resource not found");
        String key = request.header("api-key");
        if (key == null || key.isEmpty() || key.equals("bad-key")) {
            return azureError(deployment, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint."
                    + " Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        }
        // the body's model is not what routes on Azure: the deployment in the path is
        ObjectNode body = Json.parseObject(request.body());
        if (body != null) body.put("model", deployment);
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("authorization", "Bearer azure-api-key-checked");
        String path = openAi.prefix() + "/v1" + CHAT;
        return openAi.accept(new HttpRequest(request.method(), path, path, "", headers,
                body == null ? request.body() : Json.bytes(body)), seq);
    }

    @Override public Reply answer(Turn turn, RequestFacts facts) { return openAi.answer(turn, facts); }

    @Override public Reply error(Fault.ErrorKind kind, RequestFacts facts) { return openAi.error(kind, facts); }

    @Override public byte[] streamError(Fault.ErrorKind kind, RequestFacts facts) { return openAi.streamError(kind, facts); }

    /** Azure's own error shape: {@code code} is a string, there is no {@code type}. */
    private static Incoming azureError(String model, int status, String code, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message);
        return new Incoming.Answered(model, false, new Reply.Whole(status, Map.of("content-type", "application/json"), Json.bytes(body)));
    }
}
