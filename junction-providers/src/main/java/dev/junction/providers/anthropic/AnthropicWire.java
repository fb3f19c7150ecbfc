package dev.junction.providers.anthropic;

/**
 * The Anthropic Messages wire spellings (reference/providers.md §2). The only place in Junction these
 * names are written down; mappers, decoder, classifier and adapter refer to them from here.
 */
final class AnthropicWire {
    private AnthropicWire() {}

    /**
     * The {@code max_tokens} sent when the caller set no output cap. Anthropic requires the field and
     * OpenAI-shaped callers usually omit it. The right value is the model's {@code maxOutputTokens}
     * from the catalog, which an adapter does not see; until the runner passes it down, this fixed
     * value is used. 4096 is within every current Claude model's output limit, so it never turns a
     * valid request into a 400, at the price of cutting long answers short ({@code finish_reason:
     * length}).
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    /** Anthropic accepts {@code temperature} in 0..1, OpenAI in 0..2. */
    static final double MAX_TEMPERATURE = 1.0;

    // endpoint and headers
    static final String MESSAGES_PATH = "/v1/messages";
    static final String HEADER_API_KEY = "x-api-key";
    static final String HEADER_VERSION = "anthropic-version";
    static final String VERSION = "2023-06-01";
    static final String HEADER_RATELIMIT_PREFIX = "anthropic-ratelimit-";
    static final String[] RATELIMIT_KINDS = {"requests", "tokens", "input-tokens", "output-tokens"};
    static final String RATELIMIT_REMAINING = "-remaining";
    static final String RATELIMIT_RESET = "-reset";

    // request
    static final String MODEL = "model";
    static final String MAX_TOKENS = "max_tokens";
    static final String MESSAGES = "messages";
    static final String SYSTEM = "system";
    static final String ROLE = "role";
    static final String CONTENT = "content";
    static final String STOP_SEQUENCES = "stop_sequences";
    static final String TEMPERATURE = "temperature";
    static final String TOP_P = "top_p";
    static final String TOP_K = "top_k";
    static final String TOOLS = "tools";
    static final String TOOL_CHOICE = "tool_choice";
    static final String DISABLE_PARALLEL_TOOL_USE = "disable_parallel_tool_use";
    static final String NAME = "name";
    static final String DESCRIPTION = "description";
    static final String INPUT_SCHEMA = "input_schema";
    static final String STRICT = "strict";
    static final String METADATA = "metadata";
    static final String USER_ID = "user_id";
    static final String STREAM = "stream";
    static final String OUTPUT_CONFIG = "output_config";
    static final String FORMAT = "format";
    static final String SCHEMA = "schema";

    // roles
    static final String ROLE_USER = "user";
    static final String ROLE_ASSISTANT = "assistant";

    // content blocks
    static final String TYPE = "type";
    static final String TEXT = "text";
    static final String ID = "id";
    static final String INPUT = "input";
    static final String SOURCE = "source";
    static final String MEDIA_TYPE = "media_type";
    static final String DATA = "data";
    static final String URL = "url";
    static final String TOOL_USE_ID = "tool_use_id";
    static final String THINKING = "thinking";
    static final String BLOCK_TEXT = "text";
    static final String BLOCK_IMAGE = "image";
    static final String BLOCK_TOOL_USE = "tool_use";
    static final String BLOCK_TOOL_RESULT = "tool_result";
    static final String BLOCK_THINKING = "thinking";
    static final String SOURCE_BASE64 = "base64";
    static final String SOURCE_URL = "url";

    // tool_choice and output format values
    static final String CHOICE_AUTO = "auto";
    static final String CHOICE_ANY = "any";
    static final String CHOICE_TOOL = "tool";
    static final String CHOICE_NONE = "none";
    static final String FORMAT_JSON_SCHEMA = "json_schema";

    // response
    static final String STOP_REASON = "stop_reason";
    static final String USAGE = "usage";
    static final String INPUT_TOKENS = "input_tokens";
    static final String OUTPUT_TOKENS = "output_tokens";
    static final String CACHE_CREATION_INPUT_TOKENS = "cache_creation_input_tokens";
    static final String CACHE_READ_INPUT_TOKENS = "cache_read_input_tokens";
    static final String OUTPUT_TOKENS_DETAILS = "output_tokens_details";
    static final String THINKING_TOKENS = "thinking_tokens";

    // stop reasons
    static final String STOP_END_TURN = "end_turn";
    static final String STOP_STOP_SEQUENCE = "stop_sequence";
    static final String STOP_MAX_TOKENS = "max_tokens";
    static final String STOP_CONTEXT_WINDOW = "model_context_window_exceeded";
    static final String STOP_TOOL_USE = "tool_use";
    static final String STOP_REFUSAL = "refusal";
    static final String STOP_PAUSE_TURN = "pause_turn";

    // stream events (the event name and the data's "type" are equal)
    static final String EVENT_MESSAGE_START = "message_start";
    static final String EVENT_BLOCK_START = "content_block_start";
    static final String EVENT_BLOCK_DELTA = "content_block_delta";
    static final String EVENT_BLOCK_STOP = "content_block_stop";
    static final String EVENT_MESSAGE_DELTA = "message_delta";
    static final String EVENT_MESSAGE_STOP = "message_stop";
    static final String EVENT_PING = "ping";
    static final String EVENT_ERROR = "error";
    static final String MESSAGE = "message";
    static final String INDEX = "index";
    static final String CONTENT_BLOCK = "content_block";
    static final String DELTA = "delta";
    static final String DELTA_TEXT = "text_delta";
    static final String DELTA_INPUT_JSON = "input_json_delta";
    static final String DELTA_THINKING = "thinking_delta";
    static final String PARTIAL_JSON = "partial_json";

    // errors: {"type":"error","error":{"type":...,"message":...},"request_id":...}
    static final String ERROR = "error";
    static final String ERROR_TYPE = "type";
    static final String ERROR_MESSAGE = "message";
    static final String ERR_INVALID_REQUEST = "invalid_request_error";
    static final String ERR_AUTHENTICATION = "authentication_error";
    static final String ERR_PERMISSION = "permission_error";
    static final String ERR_BILLING = "billing_error";
    static final String ERR_NOT_FOUND = "not_found_error";
    static final String ERR_REQUEST_TOO_LARGE = "request_too_large";
    static final String ERR_RATE_LIMIT = "rate_limit_error";
    static final String ERR_API = "api_error";
    static final String ERR_TIMEOUT = "timeout_error";
    static final String ERR_OVERLOADED = "overloaded_error";
}
