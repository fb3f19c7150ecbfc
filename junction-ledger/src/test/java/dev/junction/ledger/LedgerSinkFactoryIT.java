package dev.junction.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.UsageConfig;
import dev.junction.ledger.store.JdbcUsageStore;
import dev.junction.usage.UsageSink;
import dev.junction.usage.UsageSinkFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerSinkFactoryIT {
    @TempDir Path dir;

    @Test
    void serviceLoader_findsTheLedgerForBothUrlKinds() {
        UsageSinkFactory factory = ServiceLoader.load(UsageSinkFactory.class).findFirst().orElseThrow();

        assertThat(factory).isInstanceOf(LedgerSinkFactory.class);
        assertThat(factory.supports("jdbc:sqlite:./junction.db")).isTrue();
        assertThat(factory.supports("jdbc:postgresql://127.0.0.1:5432/db?currentSchema=s")).isTrue();
        assertThat(factory.supports("jdbc:mysql://127.0.0.1/db")).isFalse();
    }

    @Test
    void create_sqliteInMissingDirectory_writesOfferedRowsByClose() {
        String url = "jdbc:sqlite:" + dir.resolve("data/junction.db");
        UsageSink sink = new LedgerSinkFactory().create(new UsageConfig(url, dir.resolve("journal").toString(), false, 90));

        sink.offer(SampleUsage.servedAfterFallback("req-1"));
        sink.close();

        try (JdbcUsageStore store = JdbcUsageStore.open(url)) {
            assertThat(store.queries().findUsage("req-1")).isPresent();
        }
    }
}
