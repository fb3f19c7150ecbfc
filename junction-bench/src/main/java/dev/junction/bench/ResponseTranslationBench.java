package dev.junction.bench;

import dev.junction.model.ChatResult;
import dev.junction.providers.openai.OpenAiResponseMapper;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The response path of a non-streaming call: the provider's body to the neutral result to the caller's OpenAI body. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseTranslationBench {
    @Param({"openai", "anthropic"})
    public String format;

    private byte[] body;
    private WireFormat wire;

    @Setup public void setUp() {
        wire = WireFormat.of(format);
        body = Fixtures.bytes(wire.responseFixture);
    }

    @Benchmark public ChatResult parse() {
        return wire.parseResponse(body);
    }

    @Benchmark public byte[] translate() {
        ChatResult result = wire.parseResponse(body);
        return OpenAiResponseMapper.write(result, "chatcmpl-0195f3a2b7c84d6e", "bench/gpt-4.1-mini", 1_741_569_952L);
    }
}
