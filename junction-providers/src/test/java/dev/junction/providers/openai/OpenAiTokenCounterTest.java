package dev.junction.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ChatRequest;
import dev.junction.model.Message;
import dev.junction.route.ModelId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiTokenCounterTest {
    private final OpenAiTokenCounter counter = new OpenAiTokenCounter();

    @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            // model              | text                          | tokens: text + 3 per message + 3 priming
            "openai/gpt-4.1-mini  | hello world                   | 8",
            "openai/gpt-4o        | hello world                   | 8",
            "openai/gpt-4         | hello world                   | 8",
            "openai/gpt-5         | The quick brown fox jumps.    | 12",
    })
    void count_openAiFamilies_usesTheirTokenizerAndChatFraming(String model, String text, long expected) {
        long n = counter.count(ModelId.parse(model), ChatRequest.of(List.of(Message.user(text))));

        assertThat(n).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro", "qwen/qwen-plus", "deepseek/deepseek-chat"})
    void count_otherFamilies_returnsMinusOne(String model) {
        assertThat(counter.count(ModelId.parse(model), ChatRequest.of(List.of(Message.user("hi"))))).isEqualTo(-1);
    }
}
