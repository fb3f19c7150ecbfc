package dev.junction.bench;

import dev.junction.GenerateRequest;
import dev.junction.GenerateResult;
import dev.junction.Junction;
import dev.junction.ledger.BatchingUsageWriter;
import dev.junction.model.ChatResult;
import dev.junction.provider.ProviderAdapter;
import dev.junction.provider.ProviderCall;
import dev.junction.provider.ProviderStream;
import dev.junction.providers.openai.OpenAiRequestMapper;
import java.time.Instant;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole non-streaming request minus the two sockets: the caller's body parsed, routed and planned,
 * the upstream body written, the canned upstream answer parsed, the usage row queued, and the
 * caller's body written. Set against the gateway's CPU per request in the load runs, what is left
 * is HTTP (server and client) and threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CorePathBench {
    @Param({"openai", "anthropic"})
    public String format;

    private Junction junction;
    private byte[] request;

    @Setup public void setUp() {
        WireFormat wire = WireFormat.of(format);
        String yaml = """
                providers:
                  bench: { api: openai, baseUrl: "http://127.0.0.1:1/v1" }
                routes:
                  chat: { primary: bench/gpt-4.1-mini }
                usage: { store: "jdbc:sqlite::memory:" }
                """;
        junction = Junction.builder(dev.junction.config.ConfigLoader.load(Fixtures.configFile(yaml)))
                .adapter("bench", new CannedAdapter(wire, Fixtures.bytes(wire.responseFixture)))
                .usageSink(new BatchingUsageWriter(new DiscardingStore(), null))
                .build();
        request = new String(Fixtures.bytes(Fixtures.REQUEST_SMALL), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"gpt-4.1-mini\"", "\"chat\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @TearDown public void tearDown() { junction.close(); }

    @Benchmark public byte[] generate() {
        OpenAiRequestMapper.ParsedRequest parsed = OpenAiRequestMapper.parse(request);
        GenerateRequest call = new GenerateRequest(parsed.model(), parsed.request(), parsed.request().user(),
                Map.of(), null, null);
        GenerateResult result = junction.generate(call);
        return dev.junction.providers.openai.OpenAiResponseMapper.write(result.result(), "chatcmpl-" + result.requestId(),
                result.servedModel().toString(), Instant.now().getEpochSecond());
    }

    /** Does the adapter's CPU work (write the upstream body, parse the answer) without the HTTP exchange. */
    private record CannedAdapter(WireFormat wire, byte[] answer) implements ProviderAdapter {
        @Override public String api() { return "openai"; }

        @Override public ChatResult complete(ProviderCall call) {
            var body = wire.writeRequest(call.request(), call.deployment().upstreamModel());
            if (body.length() == 0) throw new IllegalStateException("empty upstream body");
            return wire.parseResponse(answer);
        }

        @Override public ProviderStream stream(ProviderCall call) {
            throw new UnsupportedOperationException("the core path benchmark is non-streaming");
        }
    }
}
