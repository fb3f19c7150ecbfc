package dev.junction.route;

import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ToolSpec;

/**
 * A conservative estimate of a request's input tokens, used to skip candidates whose window cannot
 * hold it before any call: one token per 4 characters of text (the usual rule for English with
 * OpenAI-family tokenizers), ~1,000 per image, and a few per message for the chat framing.
 */
public final class InputTokens {
    private InputTokens() {}

    static final int PER_MESSAGE = 4;
    static final int PER_IMAGE = 1000;

    public static long estimate(ChatRequest request) {
        long chars = 0;
        long extra = 0;
        for (Message m : request.messages()) {
            extra += PER_MESSAGE;
            for (ContentPart p : m.parts()) {
                switch (p) {
                    case ContentPart.Text t -> chars += t.length();
                    case ContentPart.Image i -> extra += PER_IMAGE;
                    case ContentPart.Reasoning r -> chars += r.text().length();
                    case ContentPart.ToolCall c -> chars += c.name().length() + c.arguments().length();
                    case ContentPart.ToolResult r -> chars += r.content().length();
                }
            }
        }
        for (ToolSpec t : request.tools()) {
            chars += t.name().length() + (t.description() == null ? 0 : t.description().length())
                    + (t.parametersJson() == null ? 0 : t.parametersJson().length());
        }
        return (chars + 3) / 4 + extra;
    }
}
