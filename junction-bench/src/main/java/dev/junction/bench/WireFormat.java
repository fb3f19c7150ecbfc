package dev.junction.bench;

import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResult;
import dev.junction.providers.anthropic.AnthropicErrorClassifier;
import dev.junction.providers.anthropic.AnthropicRequestMapper;
import dev.junction.providers.anthropic.AnthropicResponseMapper;
import dev.junction.providers.anthropic.AnthropicStreamDecoder;
import dev.junction.providers.http.EventStreamDecoder;
import dev.junction.providers.http.Redaction;
import dev.junction.providers.http.RequestBytes;
import dev.junction.providers.openai.OpenAiDialect;
import dev.junction.providers.openai.OpenAiErrorClassifier;
import dev.junction.providers.openai.OpenAiRequestMapper;
import dev.junction.providers.openai.OpenAiResponseMapper;
import dev.junction.providers.openai.OpenAiStreamDecoder;

/**
 * The upstream wire formats the translation benchmarks cover, each with its canned response and
 * stream. To bench another format (Gemini once its package is merged): add a constant here with its
 * mappers and two fixtures (a response and a 20-event stream), then add its name to the
 * {@code @Param} lists of the translation benchmarks.
 */
enum WireFormat {
    OPENAI("openai-response.json", "openai-stream.sse") {
        private final OpenAiRequestMapper requests = new OpenAiRequestMapper();
        private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier();
        private final OpenAiResponseMapper responses = new OpenAiResponseMapper(classifier);

        @Override RequestBytes writeRequest(ChatRequest request, String upstreamModel) {
            return requests.write(request, upstreamModel, OpenAiDialect.OPENAI).bytes();
        }

        @Override ChatResult parseResponse(byte[] body) { return responses.parse(body); }

        @Override EventStreamDecoder newDecoder() { return new OpenAiStreamDecoder(classifier); }
    },
    ANTHROPIC("anthropic-response.json", "anthropic-stream.sse") {
        private final AnthropicRequestMapper requests = new AnthropicRequestMapper();
        private final AnthropicErrorClassifier classifier = new AnthropicErrorClassifier(Redaction.NONE);
        private final AnthropicResponseMapper responses = new AnthropicResponseMapper(classifier);

        @Override RequestBytes writeRequest(ChatRequest request, String upstreamModel) {
            // the adapter fills max_tokens from the catalog when the caller gave none; the fixtures give one
            return requests.write(request, upstreamModel).bytes();
        }

        @Override ChatResult parseResponse(byte[] body) { return responses.parse(body); }

        @Override EventStreamDecoder newDecoder() { return new AnthropicStreamDecoder(classifier); }
    };

    final String responseFixture;
    final String streamFixture;

    WireFormat(String responseFixture, String streamFixture) {
        this.responseFixture = responseFixture;
        this.streamFixture = streamFixture;
    }

    /** The upstream body for a neutral request, as the adapter sends it. */
    abstract RequestBytes writeRequest(ChatRequest request, String upstreamModel);

    /** The neutral result of the format's non-streaming answer. */
    abstract ChatResult parseResponse(byte[] body);

    /** A fresh decoder: decoders keep per-stream state. */
    abstract EventStreamDecoder newDecoder();

    static WireFormat of(String param) { return valueOf(param.toUpperCase(java.util.Locale.ROOT)); }
}
