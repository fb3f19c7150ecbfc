package dev.junction.ledger;

import dev.junction.catalog.Prices;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.model.Usage;
import dev.junction.route.ModelId;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.runner.SkipReason;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Usage records the ledger tests write: one served request, one failed request, and bulk rows. */
public final class SampleUsage {
    public static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793Z");
    public static final ModelId MINI = ModelId.parse("openai/gpt-4.1-mini");
    public static final ModelId HAIKU = ModelId.parse("anthropic/claude-3-5-haiku-latest");
    public static final ModelId FLASH = ModelId.parse("google/gemini-2.0-flash");
    /** The prices {@link #servedAfterFallback} was costed at: 1,000 input, 200 cached, 350 output = 0.0021 USD. */
    public static final Prices HAIKU_PRICES = new Prices(1.0, 3.0, 0.25);

    private SampleUsage() {}

    /** Served by the fallback after the primary was rate limited; streamed, tagged, keyed. */
    public static UsageRecord servedAfterFallback(String requestId) {
        List<Attempt> attempts = List.of(
                new Attempt(0, MINI, new Outcome.Failed(new Failure(ErrorClass.RATE_LIMITED, 429,
                        Duration.ofSeconds(2), "rate_limit_exceeded", "rate limited")), 429, 120, null, Usage.ZERO, null),
                new Attempt(1, HAIKU, Outcome.OK, 200, 830, 310L, new Usage(1200, 200, 350, 40), 0.0021));
        return new UsageRecord(T0, requestId, "acme", "support_chat", MINI.toString(), HAIKU.toString(),
                HAIKU.provider(), true, 2, new Usage(1200, 200, 350, 40), 0.0021, 990, 450L, true, UsageStatus.OK,
                null, Map.of("feature", "search", "prompt", "v3"), "key_01", attempts, HAIKU_PRICES);
    }

    /** Every candidate failed or was skipped: no served model, no cost, no tokens. */
    public static UsageRecord failedEverywhere(String requestId) {
        List<Attempt> attempts = List.of(
                Attempt.skipped(0, MINI, SkipReason.CIRCUIT_OPEN),
                new Attempt(1, HAIKU, new Outcome.Failed(new Failure(ErrorClass.SERVER_ERROR, 503, null, null, "overloaded")),
                        503, 2_000, null, Usage.ZERO, null),
                new Attempt(2, FLASH, new Outcome.Failed(Failure.of(ErrorClass.TIMEOUT, "no answer")), 0, 3_000, null,
                        Usage.ZERO, null));
        return new UsageRecord(T0.plusSeconds(1), requestId, null, "support_chat", MINI.toString(), FLASH.toString(),
                FLASH.provider(), true, 2, Usage.ZERO, null, 5_010, null, false, UsageStatus.ERROR, "timeout",
                Map.of(), null, attempts, null);
    }

    /** A plain served request of the given shape, for bulk and summary tests. */
    public static UsageRecord served(String requestId, Instant at, String task, ModelId model, long in, long out,
                                     Double cost, long latencyMs) {
        return new UsageRecord(at, requestId, "acme", task, model.toString(), model.toString(), model.provider(), false,
                1, new Usage(in, out), cost, latencyMs, null, false, UsageStatus.OK, null, Map.of(), null,
                List.of(new Attempt(0, model, Outcome.OK, 200, latencyMs, null, new Usage(in, out), cost)), null);
    }

    /** {@code n} distinct served records, one second apart from {@link #T0}. */
    public static List<UsageRecord> bulk(String prefix, int n) {
        List<UsageRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(served(prefix + i, T0.plusSeconds(i), "bulk", MINI, 10 + i, 5, 0.00001, 100 + i % 50));
        }
        return records;
    }
}
