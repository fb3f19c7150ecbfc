package dev.junction.providers.gemini;

/**
 * The Generative Language API v1beta wire spellings (reference/providers.md §3). The only place in
 * Junction these names are written down; mappers, decoder and classifier refer to them from here.
 * Gemini's JSON is camelCase even where its SDKs show snake_case.
 */
final class GeminiWire {
    private GeminiWire() {}

    // endpoints and headers
    static final String MODELS_PATH = "/v1beta/models/";
    static final String MODEL_RESOURCE_PREFIX = "models/";
    static final String GENERATE = ":generateContent";
    static final String STREAM_GENERATE = ":streamGenerateContent?alt=sse";
    static final String HEADER_API_KEY = "x-goog-api-key";

    // request
    static final String CONTENTS = "contents";
    static final String SYSTEM_INSTRUCTION = "systemInstruction";
    static final String ROLE = "role";
    static final String PARTS = "parts";
    static final String TEXT = "text";
    static final String THOUGHT = "thought";
    static final String THOUGHT_SIGNATURE = "thoughtSignature";
    static final String INLINE_DATA = "inlineData";
    static final String FILE_DATA = "fileData";
    static final String MIME_TYPE = "mimeType";
    static final String DATA = "data";
    static final String FILE_URI = "fileUri";
    static final String FUNCTION_CALL = "functionCall";
    static final String FUNCTION_RESPONSE = "functionResponse";
    static final String ID = "id";
    static final String NAME = "name";
    static final String ARGS = "args";
    static final String RESPONSE = "response";
    static final String RESULT = "result";
    static final String TOOLS = "tools";
    static final String FUNCTION_DECLARATIONS = "functionDeclarations";
    static final String DESCRIPTION = "description";
    static final String PARAMETERS_JSON_SCHEMA = "parametersJsonSchema";
    static final String TOOL_CONFIG = "toolConfig";
    static final String FUNCTION_CALLING_CONFIG = "functionCallingConfig";
    static final String MODE = "mode";
    static final String ALLOWED_FUNCTION_NAMES = "allowedFunctionNames";
    static final String GENERATION_CONFIG = "generationConfig";
    static final String TEMPERATURE = "temperature";
    static final String TOP_P = "topP";
    static final String MAX_OUTPUT_TOKENS = "maxOutputTokens";
    static final String STOP_SEQUENCES = "stopSequences";
    static final String RESPONSE_MIME_TYPE = "responseMimeType";
    static final String RESPONSE_JSON_SCHEMA = "responseJsonSchema";
    static final String SEED = "seed";
    static final String PRESENCE_PENALTY = "presencePenalty";
    static final String FREQUENCY_PENALTY = "frequencyPenalty";

    // values
    static final String ROLE_USER = "user";
    static final String ROLE_MODEL = "model";
    static final String MODE_AUTO = "AUTO";
    static final String MODE_NONE = "NONE";
    static final String MODE_ANY = "ANY";
    static final String MIME_JSON = "application/json";
    /** Accepted in place of a thought signature for a function call Gemini did not produce (§3.10). */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    // response
    static final String CANDIDATES = "candidates";
    static final String CONTENT = "content";
    static final String FINISH_REASON = "finishReason";
    static final String PROMPT_FEEDBACK = "promptFeedback";
    static final String BLOCK_REASON = "blockReason";
    static final String USAGE_METADATA = "usageMetadata";
    static final String PROMPT_TOKEN_COUNT = "promptTokenCount";
    static final String TOOL_USE_PROMPT_TOKEN_COUNT = "toolUsePromptTokenCount";
    static final String CANDIDATES_TOKEN_COUNT = "candidatesTokenCount";
    static final String THOUGHTS_TOKEN_COUNT = "thoughtsTokenCount";
    static final String CACHED_CONTENT_TOKEN_COUNT = "cachedContentTokenCount";
    static final String MODEL_VERSION = "modelVersion";
    static final String RESPONSE_ID = "responseId";

    // finish reasons (§3.6) that need more than "stop"
    static final String FINISH_STOP = "STOP";
    static final String FINISH_MAX_TOKENS = "MAX_TOKENS";

    // errors: google.rpc.Status (§3.8)
    static final String ERROR = "error";
    static final String ERROR_CODE = "code";
    static final String ERROR_MESSAGE = "message";
    static final String ERROR_STATUS = "status";
    static final String ERROR_DETAILS = "details";
    static final String DETAIL_TYPE = "@type";
    static final String TYPE_ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    static final String TYPE_QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure";
    static final String TYPE_RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    static final String REASON = "reason";
    static final String VIOLATIONS = "violations";
    static final String QUOTA_ID = "quotaId";
    static final String QUOTA_VALUE = "quotaValue";
    static final String RETRY_DELAY = "retryDelay";

    // google.rpc.Code names
    static final String STATUS_INVALID_ARGUMENT = "INVALID_ARGUMENT";
    static final String STATUS_FAILED_PRECONDITION = "FAILED_PRECONDITION";
    static final String STATUS_UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String STATUS_PERMISSION_DENIED = "PERMISSION_DENIED";
    static final String STATUS_NOT_FOUND = "NOT_FOUND";
    static final String STATUS_RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED";
    static final String STATUS_CANCELLED = "CANCELLED";
    static final String STATUS_INTERNAL = "INTERNAL";
    static final String STATUS_UNAVAILABLE = "UNAVAILABLE";
    static final String STATUS_DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

    // ErrorInfo reasons
    static final String REASON_API_KEY_INVALID = "API_KEY_INVALID";
    static final String REASON_MODEL_CAPACITY_EXHAUSTED = "MODEL_CAPACITY_EXHAUSTED";
}
