package dev.junction.ledger.report;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class SqliteReportIT extends ReportContract {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir Path dir;

    @Override
    protected String newStoreUrl() {
        return "jdbc:sqlite:" + dir.resolve("reports-" + SEQ.incrementAndGet() + ".db");
    }
}
