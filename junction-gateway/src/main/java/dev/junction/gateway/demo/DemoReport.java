package dev.junction.gateway.demo;

import dev.junction.ledger.report.AttemptRow;
import dev.junction.ledger.report.UsageQueries;
import dev.junction.ledger.report.UsageSummaryRow;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Prints what happened to each demo request (from the response and the ledger) and a usage summary. */
final class DemoReport {
    private DemoReport() {}

    /** What the gateway answered one demo call. */
    record Outcome(DemoCall call, int status, String requestId, String servedModel, String fallback, String attempts,
                   long inputTokens, long outputTokens, String costUsd, long latencyMs, String errorCode, int chunks,
                   Long firstChunkMs) {}

    static void print(PrintStream out, List<Outcome> outcomes, UsageQueries ledger) {
        out.println();
        out.println("Requests sent through the gateway (POST /v1/chat/completions):");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            out.printf(Locale.ROOT, "%n%d. %s%s  [customer %s]%n   shows:   %s%n", i + 1, o.call().model(),
                    o.call().stream() ? " (stream)" : "", o.call().customer(), o.call().shows());
            if (o.status() == 200 && o.call().stream()) {
                out.printf(Locale.ROOT, "   result:  200 streamed by %s, fallback=%s, %d SSE chunks, first chunk after %d ms, %d in / %d out tokens, %d ms%n",
                        o.servedModel(), o.fallback(), o.chunks(), o.firstChunkMs(), o.inputTokens(), o.outputTokens(), o.latencyMs());
            } else if (o.status() == 200) {
                out.printf(Locale.ROOT, "   result:  200 served by %s, fallback=%s, %s upstream attempt(s), %d in / %d out tokens, $%s, %d ms%n",
                        o.servedModel(), o.fallback(), o.attempts(), o.inputTokens(), o.outputTokens(), o.costUsd(), o.latencyMs());
            } else {
                out.printf(Locale.ROOT, "   result:  %d %s, %s upstream attempt(s), %d ms%n", o.status(), o.errorCode(),
                        o.attempts() == null ? "0" : o.attempts(), o.latencyMs());
            }
            out.println("   tried:   " + trail(ledger.findAttempts(o.requestId())));
        }
        out.println();
        out.println("Usage ledger summary by task and model (llm_usage):");
        out.printf(Locale.ROOT, "  %-24s %-26s %8s %8s %8s %12s %7s %9s%n", "task", "model", "requests", "in tok", "out tok", "cost USD", "errors", "fallbacks");
        for (UsageSummaryRow r : ledger.summarize(List.of("task", "model"), null, null)) {
            out.printf(Locale.ROOT, "  %-24s %-26s %8d %8d %8d %12.8f %7d %9d%n", value(r, "task"), value(r, "model"),
                    r.requests(), r.inputTokens(), r.outputTokens(), r.costUsd(), r.errors(), r.fallbacks());
        }
        out.printf(Locale.ROOT, "%n  %d usage rows, %d attempt rows written.%n", ledger.countUsageRows(), ledger.countAttemptRows());
    }

    private static String value(UsageSummaryRow r, String key) {
        String v = r.keys().get(key);
        return v == null ? "-" : v;
    }

    private static String trail(List<AttemptRow> attempts) {
        if (attempts.isEmpty()) return "(nothing: refused before routing)";
        StringJoiner j = new StringJoiner(" -> ");
        for (AttemptRow a : attempts) {
            j.add(a.model() + " " + a.outcome() + (a.httpStatus() > 0 ? " (" + a.httpStatus() + ")" : ""));
        }
        return j.toString();
    }
}
