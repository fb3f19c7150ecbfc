package dev.junction.state;

import dev.junction.config.StateConfig;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The machine's Redis for tests, with a key prefix unique to this run. Without a server, tests skip,
 * except under {@code CI=true}, where a missing server is a failure.
 */
public final class RedisTestServer {
    public static final String URL = "redis://127.0.0.1:6379";
    private final String prefix = "junction-it:" + UUID.randomUUID() + ":";

    public String prefix() { return prefix; }

    public StateConfig state(String subPrefix) { return new StateConfig(URI.create(URL), prefix + subPrefix); }

    public void assumeReachable() {
        try (RedisClient c = RedisClient.create(URI.create(URL))) {
            c.ping();
        } catch (RuntimeException e) {
            String why = "Redis not reachable at " + URL + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
    }

    public long ttlMillis(String key) {
        try (RedisClient c = RedisClient.create(URI.create(URL))) {
            return c.pttl(key);
        }
    }

    /** Deletes every key under this run's prefix. */
    public void deleteKeys() {
        try (RedisClient c = RedisClient.create(URI.create(URL))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = c.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                if (!page.getResult().isEmpty()) c.del(page.getResult().toArray(String[]::new));
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } catch (RuntimeException e) {
            // nothing to clean when the server was never there
        }
    }
}
