package dev.junction.gateway.cli;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.gateway.admin.AdminJson;
import dev.junction.gateway.demo.DemoEnvironment;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.ResponseFormat;
import dev.junction.model.ToolSpec;
import dev.junction.route.Explanation;
import dev.junction.usage.UsageSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction explain --config F --task T [--input-tokens N] [--tools] [--images] [--json-output] [--json]}:
 * the candidate list of a request of that shape, in order, with why each would be tried or skipped
 * and the time each would have. No provider is called.
 */
@Command(name = "explain", description = "Show which candidates a request would try or skip, and why; calls nothing.")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "junction.yaml; without it, the demo config") Path config;
    @Option(names = "--task", required = true, description = "a route name or a PROVIDER/MODEL id") String task;
    @Option(names = "--input-tokens", description = "the request's input size in tokens (default: a short prompt)") Long inputTokens;
    @Option(names = "--max-output-tokens", description = "the output the request asks for") Integer maxOutput;
    @Option(names = "--tools", description = "the request declares tools") boolean tools;
    @Option(names = "--images", description = "the request contains images") boolean images;
    @Option(names = "--json-output", description = "the request asks for JSON output") boolean jsonOutput;
    @Option(names = "--json", description = "print JSON instead of a table") boolean json;

    @Override public Integer call() {
        JunctionConfig c = config != null ? ConfigLoader.load(config) : demoConfig();
        try (Junction junction = Junction.builder(c).usageSink(UsageSink.NONE).build()) {
            Explanation e = junction.explain(task, request(), null, inputTokens);
            if (json) {
                System.out.println(new String(AdminJson.explanation(e), StandardCharsets.UTF_8));
            } else {
                print(e);
            }
        }
        return Main.OK;
    }

    private static JunctionConfig demoConfig() {
        try (DemoEnvironment demo = DemoEnvironment.start("jdbc:sqlite::memory:", System.getProperty("java.io.tmpdir"))) {
            return demo.config();
        }
    }

    private ChatRequest request() {
        List<ContentPart> parts = new ArrayList<>(List.of(new ContentPart.Text("explain")));
        if (images) parts.add(new ContentPart.Image("https://example.invalid/image.png", null));
        List<ToolSpec> toolSpecs = tools ? List.of(new ToolSpec("tool", null, "{\"type\":\"object\"}", null)) : List.of();
        return new ChatRequest(List.of(new Message.UserMessage(parts)), toolSpecs, null, null,
                jsonOutput ? new ResponseFormat.JsonObject() : null, null, null, null, maxOutput, false, false, null, null);
    }

    private static void print(Explanation e) {
        System.out.printf(Locale.ROOT, "task %s: ~%d input tokens%s%n", e.task(), e.inputTokens(),
                e.maxLatencyMs() == null ? "" : ", maxLatencyMs " + e.maxLatencyMs());
        int i = 1;
        for (Explanation.Line l : e.candidates()) {
            System.out.printf(Locale.ROOT, "  %d. %-4s %-32s %-10s %s%s%n", i++, l.decision(), l.model(), "[" + l.circuit() + "]",
                    l.budgetMs() == null ? "" : "budget " + l.budgetMs() + " ms; ", l.reason());
        }
    }
}
