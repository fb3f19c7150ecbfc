package dev.junction.gateway.cli;

import dev.junction.config.ConfigDefaults;
import dev.junction.config.ConfigLoader;
import dev.junction.ledger.report.ReportFormat;
import dev.junction.ledger.report.ReportQuery;
import dev.junction.ledger.report.ReportTable;
import dev.junction.ledger.report.ReportTables;
import dev.junction.ledger.report.UsageReports;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.ledger.store.SqlDialect;
import dev.junction.ledger.store.UsageStoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code junction report}: usage, cost and reliability from the ledger named by the config's
 * {@code usage.store} (without {@code --config}, {@code ./junction.db}). Prints an aligned table, or
 * JSON or CSV for scripts; the same reports as {@code GET /v1/junction/usage}.
 */
@Command(name = "report", description = "Usage, cost and reliability from the usage ledger.")
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", description = "junction.yaml whose usage.store to read; default ./junction.db")
    Path config;

    @Option(names = "--view", paramLabel = "VIEW", description = "summary (default), fallbacks, errors, latency, "
            + "top-customers, top-prompts or cost-change")
    String view;

    @Option(names = "--by", paramLabel = "GROUPS", description = "summary groups, comma-separated: task, model, "
            + "provider, customer, day, status, tag:KEY (default task)")
    String by;

    @Option(names = "--since", description = "7d, 24h, 30m, an ISO instant or a date (UTC); default: all rows, "
            + "or 7d for cost-change (compared with the 7 days before)")
    String since;

    @Option(names = "--until", description = "exclusive end, same forms as --since; default now")
    String until;

    @Option(names = "--limit", description = "rows of top-customers and top-prompts (default 10)")
    String limit;

    @Option(names = "--json", description = "print JSON") boolean json;

    @Option(names = "--csv", description = "print CSV") boolean csv;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && csv) {
            err.println("junction report: choose one of --json and --csv");
            return Main.USAGE;
        }
        ReportQuery query;
        try {
            query = ReportQuery.parse(view, by, since, until, limit, Instant.now());
        } catch (ReportQuery.InvalidParameter e) {
            err.println("junction report: " + e.getMessage());
            return Main.USAGE;
        }
        String url = config != null ? ConfigLoader.load(config).usage().store() : ConfigDefaults.USAGE_STORE;
        Path file = JdbcUsageStore.sqliteFile(url);
        if (file != null && !Files.exists(file)) {
            // opening would create an empty ledger, which hides a wrong path
            err.println("junction report: no usage ledger at " + file + " (serve some requests first, or pass "
                    + "--config with the usage.store to read)");
            return Main.FAILED;
        }
        ReportTable table;
        try (JdbcUsageStore store = JdbcUsageStore.open(url)) {
            table = ReportTables.run(new UsageReports(store.queries()), query);
        } catch (UsageStoreException e) {
            err.println("junction report: cannot read the usage ledger (" + SqlDialect.forUrl(url) + "): " + e.getMessage());
            return Main.FAILED;
        }
        ReportFormat format = json ? ReportFormat.JSON : csv ? ReportFormat.CSV : ReportFormat.TABLE;
        String text = format.render(table);
        out.print(text);
        if (format == ReportFormat.JSON) out.println();
        out.flush();
        return Main.OK;
    }
}
