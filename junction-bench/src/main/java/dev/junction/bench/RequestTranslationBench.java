package dev.junction.bench;

import dev.junction.model.ChatRequest;
import dev.junction.providers.openai.OpenAiRequestMapper;
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

/**
 * The request path of every proxied call: the caller's OpenAI body parsed to the neutral request, then
 * written as the upstream's body, for the ~300 B and ~20 KB fixtures. {@code target=neutral} stops
 * after the parse, so the write's share is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestTranslationBench {
    @Param({"small", "large"})
    public String size;

    @Param({"neutral", "openai", "anthropic"})
    public String target;

    private byte[] body;
    private WireFormat wire;

    @Setup public void setUp() {
        body = Fixtures.request(size);
        wire = "neutral".equals(target) ? null : WireFormat.of(target);
    }

    @Benchmark public Object translate() {
        ChatRequest request = OpenAiRequestMapper.parse(body).request();
        return wire == null ? request : wire.writeRequest(request, "gpt-4.1-mini");
    }
}
