package dev.junction.providers.openai;

/**
 * The Chat Completions wire spellings (reference/providers.md §1), and those of the compatible
 * vendors (§4). The only place in Junction these names are written down; mappers, decoder and
 * classifier refer to them from here.
 */
final class OpenAiWire {
    private OpenAiWire() {}

    // request
    static final String MODEL = "model";
    static final String MESSAGES = "messages";
    static final String ROLE = "role";
    static final String CONTENT = "content";
    static final String NAME = "name";
    static final String TOOL_CALL_ID = "tool_call_id";
    static final String TOOL_CALLS = "tool_calls";
    static final String TOOLS = "tools";
    static final String TOOL_CHOICE = "tool_choice";
    static final String ALLOWED_TOOLS = "allowed_tools";
    static final String MODE = "mode";
    static final String PARALLEL_TOOL_CALLS = "parallel_tool_calls";
    static final String RESPONSE_FORMAT = "response_format";
    static final String JSON_SCHEMA = "json_schema";
    static final String SCHEMA = "schema";
    static final String STRICT = "strict";
    static final String DESCRIPTION = "description";
    static final String PARAMETERS = "parameters";
    static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
    static final String MAX_TOKENS = "max_tokens";
    static final String TEMPERATURE = "temperature";
    static final String TOP_P = "top_p";
    static final String STOP = "stop";
    static final String STREAM = "stream";
    static final String STREAM_OPTIONS = "stream_options";
    static final String INCLUDE_USAGE = "include_usage";
    static final String USER = "user";
    static final String METADATA = "metadata";
    static final String TYPE = "type";
    static final String TEXT = "text";
    static final String IMAGE_URL = "image_url";
    static final String URL = "url";
    static final String DETAIL = "detail";
    static final String FUNCTION = "function";
    static final String ARGUMENTS = "arguments";
    static final String ID = "id";
    static final String INDEX = "index";
    static final String REFUSAL = "refusal";

    // roles
    static final String ROLE_SYSTEM = "system";
    static final String ROLE_DEVELOPER = "developer";
    static final String ROLE_USER = "user";
    static final String ROLE_ASSISTANT = "assistant";
    static final String ROLE_TOOL = "tool";

    // type values
    static final String TYPE_FUNCTION = "function";
    static final String TYPE_TEXT = "text";
    static final String TYPE_JSON_OBJECT = "json_object";
    static final String TYPE_JSON_SCHEMA = "json_schema";
    static final String CHOICE_AUTO = "auto";
    static final String CHOICE_NONE = "none";
    static final String CHOICE_REQUIRED = "required";

    // response
    static final String OBJECT = "object";
    static final String OBJECT_COMPLETION = "chat.completion";
    static final String OBJECT_CHUNK = "chat.completion.chunk";
    static final String CREATED = "created";
    static final String CHOICES = "choices";
    static final String MESSAGE = "message";
    static final String DELTA = "delta";
    static final String FINISH_REASON = "finish_reason";
    static final String LOGPROBS = "logprobs";
    static final String USAGE = "usage";
    static final String PROMPT_TOKENS = "prompt_tokens";
    static final String COMPLETION_TOKENS = "completion_tokens";
    static final String TOTAL_TOKENS = "total_tokens";
    static final String PROMPT_TOKENS_DETAILS = "prompt_tokens_details";
    static final String CACHED_TOKENS = "cached_tokens";
    static final String COMPLETION_TOKENS_DETAILS = "completion_tokens_details";
    static final String REASONING_TOKENS = "reasoning_tokens";
    /** DeepSeek: cache reads, beside {@code prompt_cache_miss_tokens}. */
    static final String PROMPT_CACHE_HIT_TOKENS = "prompt_cache_hit_tokens";
    /** DeepSeek's reasoning text, sibling of {@code content}. */
    static final String REASONING_CONTENT = "reasoning_content";
    /** Ollama's and Groq's reasoning text. */
    static final String REASONING = "reasoning";
    /** Groq: usage and errors of a stream under this key. */
    static final String X_GROQ = "x_groq";
    static final String STREAM_DONE = "[DONE]";

    // finish reasons beyond the neutral four
    static final String FINISH_FUNCTION_CALL = "function_call";
    static final String FINISH_INSUFFICIENT_SYSTEM_RESOURCE = "insufficient_system_resource";

    // errors
    static final String ERROR = "error";
    static final String ERROR_MESSAGE = "message";
    static final String ERROR_TYPE = "type";
    static final String ERROR_CODE = "code";
    static final String ERROR_PARAM = "param";
    static final String INNER_ERROR = "innererror";
    static final String EVENT_ERROR = "error";

    // headers
    static final String HEADER_SHOULD_RETRY = "x-should-retry";
}
