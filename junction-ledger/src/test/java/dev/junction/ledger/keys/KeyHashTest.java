package dev.junction.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    @Test
    void sha256_isTheStandardDigestInLowerCaseHex() {
        // FIPS 180-2 test vectors
        assertThat(KeyHash.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(KeyHash.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void manyThreadsHashingAtOnce_eachGetTheirOwnKeysDigest() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 64; i++) keys.add(KeyHash.newKey());
        List<String> expected = keys.stream().map(KeyHash::sha256).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < keys.size(); i++) {
                    int k = i;
                    results.add(pool.submit(() -> KeyHash.sha256(keys.get(k)).equals(expected.get(k))));
                }
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        }
    }

    @Test
    void matches_onlyTheKeyWhoseHashIsStored() {
        String key = KeyHash.newKey();
        String stored = KeyHash.sha256(key);
        assertThat(KeyHash.matches(stored, key)).isTrue();
        assertThat(KeyHash.matches(stored, key + "x")).isFalse();
        assertThat(KeyHash.matches(stored, KeyHash.newKey())).isFalse();
    }

    @Test
    void newKeys_carryThePrefixAndDiffer() {
        String a = KeyHash.newKey(), b = KeyHash.newKey();
        assertThat(a).startsWith(KeyHash.PREFIX).isNotEqualTo(b);
        assertThat(KeyHash.newId()).matches("key_[0-9a-f]{12}");
    }
}
