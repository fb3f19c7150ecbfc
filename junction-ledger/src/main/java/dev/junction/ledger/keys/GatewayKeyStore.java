package dev.junction.ledger.keys;

import dev.junction.config.LimitSpec;
import dev.junction.ledger.store.SqlDialect;
import dev.junction.ledger.store.UsageStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code gateway_keys} table, in the usage store's database. Keys are created and revoked from the
 * command line and looked up by the gateway on each request (it caches briefly). The key itself is
 * returned once by {@link #create} and never stored.
 */
public final class GatewayKeyStore {
    private static final String COLUMNS = "id, name, key_hash, created_at, expires_at, revoked_at, rpm, tpm, "
            + "budget_usd_day, budget_usd_month, tasks";

    private final DataSource pool;
    private final SqlDialect dialect;

    public GatewayKeyStore(DataSource pool, SqlDialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** What a new key is allowed. */
    public record NewKey(String name, LimitSpec limits, Set<String> tasks, Instant expiresAt) {}

    /** The key, to be shown once, and what was stored. */
    public record Created(String key, GatewayKey stored) {}

    /** Creates a key; fails when a live key already has the name. */
    public Created create(NewKey spec, Instant now) {
        if (!findLive(spec.name()).isEmpty()) {
            throw new IllegalArgumentException("a live key named '" + spec.name() + "' exists; revoke it first");
        }
        String key = KeyHash.newKey();
        GatewayKey stored = new GatewayKey(KeyHash.newId(), spec.name(), now, spec.expiresAt(), null, spec.limits(), spec.tasks());
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,NULL,?,?,?,?,?)")) {
            LimitSpec l = stored.limits();
            ps.setString(1, stored.id());
            ps.setString(2, stored.name());
            ps.setString(3, KeyHash.sha256(key));
            dialect.bindInstant(ps, 4, now);
            bindInstant(ps, 5, stored.expiresAt());
            bindNumber(ps, 6, l.rpm());
            bindNumber(ps, 7, l.tpm());
            bindNumber(ps, 8, l.budgetUsdPerDay());
            bindNumber(ps, 9, l.budgetUsdPerMonth());
            ps.setString(10, stored.tasks().isEmpty() ? null : String.join(",", stored.tasks()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new UsageStoreException("cannot create gateway key '" + spec.name() + "': " + e.getMessage(), e);
        }
        return new Created(key, stored);
    }

    /** Every key, live, expired and revoked, oldest first. */
    public List<GatewayKey> list() {
        return query("SELECT " + COLUMNS + " FROM gateway_keys ORDER BY created_at, id", null);
    }

    /** Marks the live key of that name revoked; false when there is none. */
    public boolean revoke(String name, Instant now) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE gateway_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            dialect.bindInstant(ps, 1, now);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new UsageStoreException("cannot revoke gateway key '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The stored key a presented key hashes to, whether usable or not; empty when unknown. */
    public Optional<GatewayKey> findByKey(String presentedKey) {
        String hash = KeyHash.sha256(presentedKey);
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gateway_keys WHERE key_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                // the index found the row; compare again in constant time so the check never hinges on the lookup
                if (rs.next() && KeyHash.matches(rs.getString("key_hash"), presentedKey)) return Optional.of(read(rs));
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new UsageStoreException("cannot look up a gateway key: " + e.getMessage(), e);
        }
    }

    private List<GatewayKey> findLive(String name) {
        return query("SELECT " + COLUMNS + " FROM gateway_keys WHERE name = ? AND revoked_at IS NULL", name);
    }

    private List<GatewayKey> query(String sql, String param) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) ps.setString(1, param);
            List<GatewayKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new UsageStoreException("cannot read gateway keys: " + e.getMessage(), e);
        }
    }

    private GatewayKey read(ResultSet rs) throws SQLException {
        String tasks = rs.getString("tasks");
        Set<String> taskSet = tasks == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(tasks.split(",")));
        LimitSpec limits = new LimitSpec(intOrNull(rs, "rpm"), longOrNull(rs, "tpm"), doubleOrNull(rs, "budget_usd_day"),
                doubleOrNull(rs, "budget_usd_month"));
        return new GatewayKey(rs.getString("id"), rs.getString("name"), dialect.readInstant(rs, "created_at"),
                dialect.readInstant(rs, "expires_at"), dialect.readInstant(rs, "revoked_at"), limits, taskSet);
    }

    private void bindInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) ps.setNull(i, dialect.textTimestamps() ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE);
        else dialect.bindInstant(ps, i, t);
    }

    private static void bindNumber(PreparedStatement ps, int i, Number n) throws SQLException {
        if (n == null) ps.setNull(i, Types.NUMERIC);
        else if (n instanceof Double d) ps.setDouble(i, d);
        else ps.setLong(i, n.longValue());
    }

    private static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
