package dev.junction.gateway.admin;

import dev.junction.Junction;
import dev.junction.gateway.openai.OpenAiErrorWriter;
import dev.junction.ledger.report.ReportFormat;
import dev.junction.ledger.report.ReportQuery;
import dev.junction.ledger.report.ReportTable;
import dev.junction.ledger.report.ReportTables;
import dev.junction.ledger.report.UsageReports;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.ledger.store.SqlDialect;
import dev.junction.ledger.store.UsageStoreException;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.InstantSource;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/junction/usage?groupBy=task,model&since=7d&until=ISO[&view=...][&limit=N][&format=csv]}:
 * the {@code junction report} views over HTTP. The default answer is the summary,
 * {@code {"groupBy":[...], "rows":[{...group keys, "requests", "inputTokens", "outputTokens", "costUsd",
 * "errors", "fallbacks", "p50LatencyMs", "p95LatencyMs"}]}}. A bad parameter is an OpenAI-shaped 400
 * naming it; a store that cannot be read is a 503.
 *
 * <p>Reads go through a pool of their own, opened on first use over the configured {@code usage.store}
 * (SQLite in WAL mode lets it read while the writer writes) and closed when the server stops; a config
 * reload that names another store reopens it.
 */
public final class UsageHandler implements Handler {
    private static final Logger log = LoggerFactory.getLogger(UsageHandler.class);
    private static final Set<String> PARAMETERS = Set.of("groupBy", "since", "until", "view", "limit", "format");

    private final Supplier<Junction> junction;
    private final InstantSource clock;
    private Reader reader; // guarded by this

    /** The store a reader reads, so a reload to another URL is noticed. */
    private record Reader(String url, JdbcUsageStore store, UsageReports reports) {}

    public UsageHandler(Supplier<Junction> junction) { this(junction, InstantSource.system()); }

    UsageHandler(Supplier<Junction> junction, InstantSource clock) {
        this.junction = junction;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        UriQuery q = req.query();
        for (String name : q.names()) {
            if (!PARAMETERS.contains(name)) {
                badRequest(res, name, "unknown parameter '" + name + "' (want groupBy, since, until, view, limit, format)");
                return;
            }
        }
        ReportFormat format;
        String formatName = param(q, "format");
        if (formatName == null || formatName.equals("json")) format = ReportFormat.JSON;
        else if (formatName.equals("csv")) format = ReportFormat.CSV;
        else {
            badRequest(res, "format", "format must be json or csv, not '" + formatName + "'");
            return;
        }
        ReportQuery query;
        try {
            query = ReportQuery.parse(param(q, "view"), param(q, "groupBy"), param(q, "since"), param(q, "until"),
                    param(q, "limit"), clock.instant());
        } catch (ReportQuery.InvalidParameter e) {
            badRequest(res, e.param(), e.getMessage());
            return;
        }
        String url = junction.get().config().usage().store();
        ReportTable table;
        try {
            table = ReportTables.run(reports(url), query);
        } catch (UsageStoreException | IllegalArgumentException e) {
            // the detail may name hosts; it goes to the log, the caller gets the store's kind only
            log.warn("usage report failed: {}", e.getMessage());
            SqlDialect dialect = SqlDialect.forUrlOrNull(url);
            res.status(503);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(OpenAiErrorWriter.body(503, "store_unavailable", "the usage ledger ("
                    + (dialect == null ? "unsupported store" : dialect.name()) + ") cannot be read right now", null));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, format.contentType());
        res.send(format.render(table));
    }

    private synchronized UsageReports reports(String url) {
        if (reader != null && reader.url().equals(url)) return reader.reports();
        if (reader != null) reader.store().close();
        reader = null;
        JdbcUsageStore store = JdbcUsageStore.connect(url);
        reader = new Reader(url, store, new UsageReports(store.queries()));
        return reader.reports();
    }

    /** Closes the read pool when the server stops. */
    @Override
    public synchronized void afterStop() {
        if (reader != null) reader.store().close();
        reader = null;
    }

    private static String param(UriQuery q, String name) {
        return q.first(name).orElse(null);
    }

    private static void badRequest(ServerResponse res, String param, String message) {
        res.status(400);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(OpenAiErrorWriter.body(400, "invalid_request", message, param));
    }
}
