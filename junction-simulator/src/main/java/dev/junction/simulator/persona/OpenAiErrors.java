package dev.junction.simulator.persona;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.simulator.fault.Fault;

/** OpenAI's own error bodies and statuses (reference/providers.md §1.6), plus Azure's content-filter body (§4.1). */
final class OpenAiErrors {

    static final int CONTEXT_WINDOW = 128_000;

    private OpenAiErrors() {}

    static int status(Fault.ErrorKind kind) {
        return switch (kind) {
            case Fault.RateLimited r -> 429;
            case Fault.QuotaExhausted q -> 429;
            case Fault.Overloaded o -> 503;
            case Fault.ServerError s -> s.status();
            case Fault.ContextTooLong c -> 400;
            case Fault.InvalidRequest i -> 400;
            case Fault.Unauthorized u -> 401;
            case Fault.ModelNotFound m -> 404;
            case Fault.ContentFiltered c -> 400;
        };
    }

    static ObjectNode body(Fault.ErrorKind kind, RequestFacts facts) {
        return switch (kind) {
            case Fault.RateLimited r -> error("Rate limit reached for " + facts.model() + " in organization"
                    + " org-simulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in "
                    + WaitFormat.goDuration(r.retryAfter()) + ". Visit https://platform.openai.com/account/rate-limits"
                    + " to learn more.", "requests", null, "rate_limit_exceeded");
            case Fault.QuotaExhausted q -> error("You exceeded your current quota, please check your plan and billing"
                    + " details. For more information on this error, read the docs:"
                    + " https://platform.openai.com/docs/guides/error-codes/api-errors.",
                    "insufficient_quota", null, "insufficient_quota");
            case Fault.Overloaded o -> error("The engine is currently overloaded, please try again later",
                    "server_error", null, null);
            case Fault.ServerError s -> error("The server had an error while processing your request. Sorry about that!",
                    "server_error", null, null);
            case Fault.ContextTooLong c -> error("This model's maximum context length is " + CONTEXT_WINDOW
                    + " tokens. However, your messages resulted in " + Math.max(facts.inputTokens(), CONTEXT_WINDOW + 1)
                    + " tokens. Please reduce the length of the messages.",
                    "invalid_request_error", "messages", "context_length_exceeded");
            case Fault.InvalidRequest i -> error(i.message(), "invalid_request_error", null, null);
            case Fault.Unauthorized u -> error("Incorrect API key provided: sk-sim***. You can find your API key at"
                    + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
            case Fault.ModelNotFound m -> error("The model `" + facts.model() + "` does not exist or you do not have"
                    + " access to it.", "invalid_request_error", null, "model_not_found");
            case Fault.ContentFiltered c -> contentFilter();
        };
    }

    /** Azure's prompt-filter body (§4.1), the only OpenAI-shaped content-filter error there is; OpenAI sends it too. */
    static ObjectNode contentFilter() {
        ObjectNode error = Json.object();
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management"
                + " policy. Please modify your prompt and retry.");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode result = inner.putObject("content_filter_result");
        result.putObject("hate").put("filtered", true).put("severity", "high");
        result.putObject("jailbreak").put("filtered", false).put("detected", false);
        result.putObject("self_harm").put("filtered", false).put("severity", "safe");
        result.putObject("sexual").put("filtered", false).put("severity", "safe");
        result.putObject("violence").put("filtered", true).put("severity", "medium");
        return wrap(error);
    }

    /** {@code {"error":{"message","type","param","code"}}}, OpenAI's four keys in its order. */
    static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return wrap(error);
    }

    static ObjectNode wrap(ObjectNode error) {
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}
