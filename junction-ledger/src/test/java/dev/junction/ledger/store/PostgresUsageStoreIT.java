package dev.junction.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.SampleUsage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract against the machine's PostgreSQL, a fresh schema per test ({@link TestPostgres}). */
@Tag("postgres")
class PostgresUsageStoreIT extends UsageStoreContract {

    @BeforeAll
    static void requireServer() {
        TestPostgres.assumeServer();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        TestPostgres.dropSchemas();
    }

    @Override
    protected String newStoreUrl() {
        return TestPostgres.freshSchemaUrl();
    }

    @Test
    void open_currentSchemaMissing_createsItAndPutsTablesThere() throws SQLException {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));

        String schema = TestPostgres.lastSchema();
        try (Connection c = TestPostgres.admin(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) tables.add(rs.getString(1));
            assertThat(tables).contains("llm_attempt", "llm_usage", "flyway_schema_history");
        }
    }

    @Test
    void writeBatch_tags_storedAsQueryableJson() throws SQLException {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));

        try (Connection c = TestPostgres.admin(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT tags->>'feature' FROM " + TestPostgres.lastSchema() + ".llm_usage")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("search");
        }
    }
}
