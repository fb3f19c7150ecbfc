package dev.junction.ledger;

import dev.junction.config.UsageConfig;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.ledger.store.SqlDialect;
import dev.junction.ledger.store.UsageStoreException;
import dev.junction.usage.UsageSink;
import dev.junction.usage.UsageSinkFactory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code usage.store} URLs {@code jdbc:sqlite:...} and {@code jdbc:postgresql:...}: a
 * {@link BatchingUsageWriter} over a {@link JdbcUsageStore}, spilling to {@code usage.journal}.
 * Found by core through {@link java.util.ServiceLoader}.
 *
 * <p>A store that is down at start does not stop the process: the writer journals rows and
 * migrates the schema on its first successful write. A journal directory that cannot be opened
 * is logged as an error and the writer runs without one (rows are then held in memory only). Rows
 * older than {@code usage.retentionDays} are deleted at start and every six hours ({@link RetentionSweep}).
 */
public final class LedgerSinkFactory implements UsageSinkFactory {
    private static final Logger log = LoggerFactory.getLogger(LedgerSinkFactory.class);

    @Override
    public boolean supports(String storeUrl) {
        return SqlDialect.forUrlOrNull(storeUrl) != null;
    }

    @Override
    public UsageSink create(UsageConfig config) {
        JdbcUsageStore store = JdbcUsageStore.connect(config.store());
        try {
            store.migrate();
        } catch (UsageStoreException e) {
            log.error("usage store ({}) unreachable at start; usage rows will be journaled until it is back: {}",
                    store.dialect(), e.getMessage());
        }
        return new BatchingUsageWriter(store, openJournal(config.journal()), WriterSettings.defaults(),
                RetentionSweep.ofDays(config.retentionDays()));
    }

    private static Journal openJournal(String dir) {
        if (dir == null || dir.isBlank()) return null;
        try {
            return Journal.open(Path.of(dir));
        } catch (RuntimeException e) {
            log.error("usage journal {} cannot be opened; running WITHOUT a journal, rows may be lost while the store is down: {}",
                    dir, e.getMessage());
            return null;
        }
    }
}
