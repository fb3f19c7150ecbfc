package dev.junction.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code INSERT INTO t (...) VALUES (...), (...) ON CONFLICT (key) DO NOTHING}, as few statements
 * as the bind-parameter limit allows. One statement of many rows is one round trip; JDBC's
 * {@code addBatch} is one per row on SQLite and needs a driver flag on PostgreSQL.
 */
final class MultiRowInsert<T> {

    /** Binds one row's values from {@code first}; returns the next free index. */
    @FunctionalInterface
    interface RowBinder<T> {
        int bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    /**
     * Row-by-row (SQLite, in the gateway's own process) gives up the CPU after this many rows, about
     * 0.1 ms of work, unless the writer is behind. A batch of hundreds of rows ran for several
     * milliseconds without a pause, and a request thread (or the upstream itself) woken on that core
     * waited for the scheduler's slice to end: at one connection, the slowest requests lined up with
     * the writer's batches, and yielding took the added p99 from ~4 ms to ~2 ms. With every core busy,
     * though, each yield waits a full round of the scheduler: the writer fell behind by up to 30,000
     * rows, which then outlived young collections (BENCHMARKS.md).
     */
    static final int ROWS_PER_SLICE = 16;

    // well under SQLite's 32766 and PostgreSQL's 32767 bind parameters per statement
    private static final int MAX_PARAMETERS = 10_000;

    private final String head;
    private final String rowValues;
    private final String tail;
    private final int columnCount;
    private final int rowsPerStatement;
    private final RowBinder<T> binder;
    private final String fullStatement;
    private final String singleRow;
    private final boolean rowByRow;

    /**
     * {@code placeholders} holds one bind expression per column ({@code ?} or a cast around it).
     *
     * @param rowByRow one prepared single-row statement stepped per row ({@code addBatch}) instead of
     *                 multi-row statements: for SQLite, where a row costs no round trip and parsing a
     *                 statement of hundreds of rows cost more than stepping a small one hundreds of times
     */
    MultiRowInsert(String table, List<String> columns, List<String> placeholders, String conflictKey, boolean rowByRow,
                   RowBinder<T> binder) {
        if (columns.size() != placeholders.size()) throw new IllegalArgumentException("one placeholder per column");
        this.head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        this.rowValues = "(" + String.join(", ", placeholders) + ")";
        this.tail = " ON CONFLICT (" + conflictKey + ") DO NOTHING";
        this.columnCount = columns.size();
        this.rowsPerStatement = MAX_PARAMETERS / columnCount;
        this.binder = binder;
        this.fullStatement = sql(rowsPerStatement);
        this.singleRow = sql(1);
        this.rowByRow = rowByRow;
    }

    /**
     * Inserts every row; rows whose key exists already are left as they are.
     *
     * @param yielding row by row, give up the CPU every {@link #ROWS_PER_SLICE} rows
     */
    void execute(Connection c, List<T> rows, boolean yielding) throws SQLException {
        if (rowByRow) {
            if (rows.isEmpty()) return;
            try (PreparedStatement ps = c.prepareStatement(singleRow)) {
                int n = 0;
                for (T row : rows) {
                    bindRow(ps, 1, row);
                    ps.addBatch();
                    if (++n % ROWS_PER_SLICE == 0) {
                        ps.executeBatch();
                        if (yielding) Thread.yield(); // see ROWS_PER_SLICE
                    }
                }
                if (n % ROWS_PER_SLICE != 0) ps.executeBatch();
            }
            return;
        }
        for (int from = 0; from < rows.size(); from += rowsPerStatement) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + rowsPerStatement));
            String sql = chunk.size() == rowsPerStatement ? fullStatement : sql(chunk.size());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int index = 1;
                for (T row : chunk) index = bindRow(ps, index, row);
                ps.executeUpdate();
            }
        }
    }

    private int bindRow(PreparedStatement ps, int index, T row) throws SQLException {
        int next = binder.bind(ps, index, row);
        if (next - index != columnCount) throw new IllegalStateException("binder bound " + (next - index) + " of " + columnCount + " columns");
        return next;
    }

    private String sql(int rows) {
        StringBuilder sb = new StringBuilder(head.length() + rows * (rowValues.length() + 2) + tail.length());
        sb.append(head);
        for (int i = 0; i < rows; i++) {
            if (i > 0) sb.append(", ");
            sb.append(rowValues);
        }
        return sb.append(tail).toString();
    }
}
