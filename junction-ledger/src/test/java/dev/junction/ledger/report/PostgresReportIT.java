package dev.junction.ledger.report;

import dev.junction.ledger.store.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class PostgresReportIT extends ReportContract {

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
}
