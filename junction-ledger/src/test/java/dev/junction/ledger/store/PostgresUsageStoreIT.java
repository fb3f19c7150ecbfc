package dev.junction.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.SampleUsage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract against the machine's PostgreSQL. Each test gets a fresh schema
 * {@code junction_it_<random>}, all dropped at the end. Without a server the class is skipped,
 * except under {@code CI=true}, where a missing server is a failure.
 */
@Tag("postgres")
class PostgresUsageStoreIT extends UsageStoreContract {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private static final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void requireServer() {
        assumeServer();
    }

    /** Skips the calling test class when the server is down, or fails it under CI. */
    static void assumeServer() {
        try (Connection c = admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            String why = "PostgreSQL not reachable at " + SERVER + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (schemas.isEmpty()) return;
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        schemas.clear();
    }

    static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(SERVER + "?user=" + USER);
    }

    /** A URL whose {@code currentSchema} does not exist yet; dropped after the class. */
    static String freshSchemaUrl() {
        String schema = "junction_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        return SERVER + "?user=" + USER + "&currentSchema=" + schema;
    }

    @Override
    protected String newStoreUrl() {
        return freshSchemaUrl();
    }

    @Test
    void open_currentSchemaMissing_createsItAndPutsTablesThere() throws SQLException {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));

        String schema = schemas.getLast();
        try (Connection c = admin(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) tables.add(rs.getString(1));
            assertThat(tables).contains("llm_attempt", "llm_usage", "flyway_schema_history");
        }
    }

    @Test
    void writeBatch_tags_storedAsQueryableJson() throws SQLException {
        store.writeBatch(List.of(SampleUsage.servedAfterFallback("req-1")));

        try (Connection c = admin(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT tags->>'feature' FROM " + schemas.getLast() + ".llm_usage")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("search");
        }
    }
}
