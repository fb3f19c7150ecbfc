package dev.junction.providers.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ToolSpec;
import dev.junction.route.ModelId;
import dev.junction.route.TokenCounter;

/**
 * Exact input tokens for OpenAI model families, with their real tokenizers ({@code o200k_base} for
 * GPT-4o, GPT-4.1, GPT-5 and the o-series; {@code cl100k_base} for GPT-4 and GPT-3.5), plus OpenAI's
 * chat framing: 3 tokens per message and 3 to prime the reply. Images count ~1,000 tokens each, as in
 * the estimate. Other families get -1 (the planner then keeps its estimate).
 */
public final class OpenAiTokenCounter implements TokenCounter {
    private static final int PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;
    private static final int PER_IMAGE = 1000;

    /** Loading a vocabulary takes a while, and most requests never come near a limit: load on first use. */
    private static final class Vocabularies {
        static final com.knuddels.jtokkit.api.EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }

    @Override public long count(ModelId model, ChatRequest request) {
        Encoding enc = encodingFor(model.name());
        if (enc == null) return -1;
        long n = REPLY_PRIMING;
        for (Message m : request.messages()) {
            n += PER_MESSAGE;
            for (ContentPart p : m.parts()) {
                n += switch (p) {
                    case ContentPart.Text t -> enc.countTokens(t.text());
                    case ContentPart.Image i -> PER_IMAGE;
                    case ContentPart.Reasoning r -> 0; // not sent back upstream
                    case ContentPart.ToolCall c -> enc.countTokens(c.name()) + enc.countTokens(c.arguments());
                    case ContentPart.ToolResult r -> enc.countTokens(r.content());
                };
            }
        }
        for (ToolSpec t : request.tools()) {
            n += enc.countTokens(t.name());
            if (t.description() != null) n += enc.countTokens(t.description());
            if (t.parametersJson() != null) n += enc.countTokens(t.parametersJson());
        }
        return n;
    }

    /** The tokenizer of an OpenAI model name, or null when the name is not an OpenAI family. */
    Encoding encodingFor(String name) {
        if (name.startsWith("gpt-4o") || name.startsWith("gpt-4.1") || name.startsWith("gpt-5") || name.startsWith("chatgpt-4o")
                || name.startsWith("o1") || name.startsWith("o3") || name.startsWith("o4")) {
            return Vocabularies.REGISTRY.getEncoding(EncodingType.O200K_BASE);
        }
        if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5")) return Vocabularies.REGISTRY.getEncoding(EncodingType.CL100K_BASE);
        return null;
    }
}
