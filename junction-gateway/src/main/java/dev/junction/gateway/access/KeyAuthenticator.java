package dev.junction.gateway.access;

import dev.junction.ledger.keys.GatewayKey;
import dev.junction.ledger.keys.GatewayKeyStore;
import dev.junction.ledger.keys.KeyHash;
import dev.junction.ledger.store.UsageStoreException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the stored key a request presents. Lookups are cached for a second, by the key's hash, so a busy
 * gateway reads the table about once a second per caller, and a revoke from any replica's command line
 * takes effect everywhere within that second. Unknown keys are cached too, so a flood of made-up keys
 * does not become a flood of queries.
 */
public final class KeyAuthenticator {
    private static final Duration CACHE_FOR = Duration.ofSeconds(1);
    private static final int MAX_CACHED = 10_000;

    private record Cached(Optional<GatewayKey> key, long loadedAtNanos) {}

    private final GatewayKeyStore store;
    private final InstantSource clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public KeyAuthenticator(GatewayKeyStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The key behind {@code Authorization}, or a 401 (or a 503 when the store cannot be read and nothing is cached). */
    public Result authenticate(String authorizationHeader) {
        String token = Bearer.token(authorizationHeader);
        if (token == null) return new Result(null, Refusal.invalidKey("missing gateway key: send Authorization: Bearer <key>"));
        String hash = KeyHash.sha256(token);
        Optional<GatewayKey> key;
        try {
            key = lookup(hash, token);
        } catch (UsageStoreException e) {
            return new Result(null, new Refusal(503, "key_store_unavailable", "gateway keys cannot be checked right now", 1L));
        }
        if (key.isEmpty()) return new Result(null, Refusal.invalidKey("unknown gateway key"));
        GatewayKey k = key.get();
        if (k.revokedAt() != null) return new Result(null, Refusal.invalidKey("gateway key '" + k.name() + "' was revoked"));
        if (!k.usableAt(clock.instant())) return new Result(null, Refusal.invalidKey("gateway key '" + k.name() + "' expired"));
        return new Result(k, null);
    }

    private Optional<GatewayKey> lookup(String hash, String token) {
        long now = System.nanoTime();
        Cached c = cache.get(hash);
        if (c != null && now - c.loadedAtNanos < CACHE_FOR.toNanos()) return c.key;
        Optional<GatewayKey> key = store.findByKey(token);
        if (cache.size() >= MAX_CACHED) cache.clear();
        cache.put(hash, new Cached(key, now));
        return key;
    }

    /** Exactly one of the two is set. */
    public record Result(GatewayKey key, Refusal refusal) {}
}
