package dev.junction.providers.openai;

import java.util.Locale;
import java.util.Set;

/**
 * One OpenAI-compatible vendor's quirks, as data (reference/providers.md §4). A new compatible vendor
 * is a new constant here, never a new package.
 *
 * @param maxTokensField         which field carries the output cap: OpenAI reads {@code max_completion_tokens}
 *                               (reasoning models reject {@code max_tokens}); most compatible servers read only
 *                               {@code max_tokens}
 * @param developerRole          whether the {@code developer} role is understood; else it is sent as {@code system}
 * @param auth                   how the key is sent
 * @param unsupportedExtensions  OpenAI-only fields this vendor rejects; dropped and reported
 */
public enum OpenAiDialect {
    OPENAI("openai", OpenAiWire.MAX_COMPLETION_TOKENS, true, Auth.BEARER, Set.of()),
    AZURE_OPENAI("azure-openai", OpenAiWire.MAX_COMPLETION_TOKENS, true, Auth.API_KEY_HEADER, Set.of()),
    DEEPSEEK("deepseek", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of("n", "logit_bias", "seed", "service_tier", "store")),
    QWEN("qwen", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of("logit_bias", "service_tier", "store")),
    GROQ("groq", OpenAiWire.MAX_COMPLETION_TOKENS, false, Auth.BEARER, Set.of("logprobs", "top_logprobs", "logit_bias", "n")),
    TOGETHER("together", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of("service_tier", "store")),
    VLLM("vllm", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of("service_tier", "store")),
    OLLAMA("ollama", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of("logit_bias", "service_tier", "store", "n")),
    /** Any other OpenAI-compatible server: OpenAI's body, the older output cap field. */
    GENERIC("generic", OpenAiWire.MAX_TOKENS, false, Auth.BEARER, Set.of());

    /** How the API key travels. */
    public enum Auth { BEARER, API_KEY_HEADER }

    private final String id;
    private final String maxTokensField;
    private final boolean developerRole;
    private final Auth auth;
    private final Set<String> unsupportedExtensions;

    OpenAiDialect(String id, String maxTokensField, boolean developerRole, Auth auth, Set<String> unsupportedExtensions) {
        this.id = id;
        this.maxTokensField = maxTokensField;
        this.developerRole = developerRole;
        this.auth = auth;
        this.unsupportedExtensions = unsupportedExtensions;
    }

    public String id() { return id; }

    String maxTokensField() { return maxTokensField; }

    boolean developerRole() { return developerRole; }

    public Auth auth() { return auth; }

    boolean supportsExtension(String field) { return !unsupportedExtensions.contains(field); }

    /** Azure's classic URLs name the deployment in the path and need {@code api-version}. */
    public boolean deploymentInPath() { return this == AZURE_OPENAI; }

    /**
     * The dialect for a config's {@code api:} value: {@code openai} speaks OpenAI's own dialect,
     * {@code azure-openai} Azure's; the vendor ids above are accepted too.
     */
    public static OpenAiDialect forApi(String api) {
        String key = api.toLowerCase(Locale.ROOT);
        for (OpenAiDialect d : values()) {
            if (d.id.equals(key)) return d;
        }
        throw new IllegalArgumentException("no OpenAI dialect for api '" + api + "'");
    }
}
