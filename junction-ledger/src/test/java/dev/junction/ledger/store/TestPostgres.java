package dev.junction.ledger.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL for the ledger's ITs: each store gets a fresh schema
 * {@code junction_it_<random>}, dropped by {@link #dropSchemas}. Without a server the calling test
 * class is skipped, except under {@code CI=true}, where a missing server is a failure.
 */
public final class TestPostgres {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private static final List<String> schemas = new ArrayList<>();

    private TestPostgres() {}

    /** Skips the calling test class when the server is down, or fails it under CI. */
    public static void assumeServer() {
        try (Connection c = admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            String why = "PostgreSQL not reachable at " + SERVER + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
    }

    public static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(SERVER + "?user=" + USER);
    }

    /** A URL whose {@code currentSchema} does not exist yet. */
    public static synchronized String freshSchemaUrl() {
        String schema = "junction_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        return SERVER + "?user=" + USER + "&currentSchema=" + schema;
    }

    /** The schema of the last {@link #freshSchemaUrl}. */
    public static synchronized String lastSchema() { return schemas.getLast(); }

    public static synchronized void dropSchemas() throws SQLException {
        if (schemas.isEmpty()) return;
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        schemas.clear();
    }
}
