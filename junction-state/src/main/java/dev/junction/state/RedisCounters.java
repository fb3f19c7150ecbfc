package dev.junction.state;

import dev.junction.config.StateConfig;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * {@link SharedCounters} in Redis, shared by every replica pointed at the same URL and key prefix.
 * Every read-modify-write is a Lua script, which Redis runs atomically: the increment and the setting
 * of the window's expiry cannot be separated by another replica's call. Window ends are the key's
 * remaining time to live, so replicas need no agreement on clocks.
 */
public final class RedisCounters implements SharedCounters {
    // INCRBY creates a missing key; a key without a TTL is a window this call opened.
    private static final String INCREMENT_WINDOW = """
            local total = redis.call('INCRBY', KEYS[1], ARGV[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              ttl = tonumber(ARGV[2])
            end
            return {total, ttl}""";
    private static final String ADD = """
            local total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return total""";
    private static final String RAISE_TO = """
            local current = redis.call('GET', KEYS[1])
            if current and tonumber(current) >= tonumber(ARGV[1]) then return current end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]""";
    private static final int TIMEOUT_MS = 1_000;
    private static final int MAX_CONNECTIONS = 32;

    private final RedisClient redis;
    private final String prefix;
    private final String where;
    private final InstantSource clock;

    RedisCounters(RedisClient redis, String prefix, String where, InstantSource clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.where = where;
        this.clock = clock;
    }

    /** A pool to the URL's server; connects lazily, so a Redis that is down at start fails calls, not start-up. */
    public static RedisCounters connect(StateConfig state, InstantSource clock) {
        URI uri = state.url();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MS).socketTimeoutMillis(TIMEOUT_MS)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .database(JedisURIHelper.getDBIndex(uri));
        if (JedisURIHelper.getUser(uri) != null) config.user(JedisURIHelper.getUser(uri));
        if (JedisURIHelper.getPassword(uri) != null) config.password(JedisURIHelper.getPassword(uri));
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        RedisClient client = RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(config.build()).poolConfig(pool).build();
        return new RedisCounters(client, state.keyPrefix(), state.redactedUrl(), clock);
    }

    @Override
    public WindowCount incrementWindow(String key, long amount, Duration window) {
        List<?> r = (List<?>) eval(INCREMENT_WINDOW, key, Long.toString(amount), Long.toString(window.toMillis()));
        long total = (Long) r.get(0);
        long ttlMs = (Long) r.get(1);
        return new WindowCount(total, clock.instant().plusMillis(ttlMs));
    }

    @Override
    public double add(String key, double amount, Duration ttl) {
        return Double.parseDouble((String) eval(ADD, key, Double.toString(amount), Long.toString(ttl.toMillis())));
    }

    @Override
    public double get(String key) {
        try {
            String v = redis.get(prefix + key);
            return v == null ? 0 : Double.parseDouble(v);
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long raiseTo(String key, long value, Duration ttl) {
        return Long.parseLong((String) eval(RAISE_TO, key, Long.toString(value), Long.toString(ttl.toMillis())));
    }

    /** Checks the connection; throws {@link StateUnavailableException} when Redis does not answer. */
    public void ping() {
        try {
            redis.ping();
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    @Override public void close() { redis.close(); }

    private Object eval(String script, String key, String... args) {
        try {
            return redis.eval(script, List.of(prefix + key), List.of(args));
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    private StateUnavailableException unavailable(JedisException e) {
        return new StateUnavailableException("shared state at " + where + " unavailable: " + e.getMessage(), e);
    }
}
