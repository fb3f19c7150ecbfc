package dev.junction.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.testing.ScriptedAdapter;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JunctionHolderTest {
    private static final JunctionConfig CONFIG = new ConfigLoader(Map.of()).parse("""
            providers: { p: { api: openai, baseUrl: "http://127.0.0.1:1/v1" } }
            routes: { chat: { primary: p/m } }
            """, "holder.yaml");

    /** A Junction whose close is visible: it owns a sink that records being closed. */
    private record Tracked(Junction junction, AtomicBoolean closed) {
        static Tracked create() {
            AtomicBoolean closed = new AtomicBoolean();
            UsageSink sink = new UsageSink() {
                @Override public void offer(UsageRecord record) {}
                @Override public void close() { closed.set(true); }
            };
            return new Tracked(Junction.builder(CONFIG).adapter("p", new ScriptedAdapter()).usageSink(sink).build(), closed);
        }
    }

    @Test
    void swap_noRequestInFlight_closesTheOldAtOnce() {
        Tracked first = Tracked.create();
        Tracked second = Tracked.create();
        JunctionHolder holder = new JunctionHolder(first.junction, Duration.ofSeconds(10));

        int version = holder.swap(second.junction);

        assertThat(version).isEqualTo(2);
        assertThat(holder.get()).isSameAs(second.junction);
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isFalse();
    }

    @Test
    void swap_requestInFlight_oldStaysOpenUntilItsLeaseEnds() {
        Tracked first = Tracked.create();
        JunctionHolder holder = new JunctionHolder(first.junction, Duration.ofSeconds(10));
        JunctionHolder.Lease inFlight = holder.acquire();

        holder.swap(Tracked.create().junction);

        assertThat(inFlight.junction()).isSameAs(first.junction);
        assertThat(first.closed).isFalse();
        try (JunctionHolder.Lease next = holder.acquire()) {
            assertThat(next.junction()).isNotSameAs(first.junction);
        }
        inFlight.close();
        assertThat(first.closed).isTrue();
    }

    @Test
    void swap_requestNeverEnds_oldClosedAfterTheGrace() {
        Tracked first = Tracked.create();
        JunctionHolder holder = new JunctionHolder(first.junction, Duration.ofMillis(100));
        holder.acquire(); // never released

        holder.swap(Tracked.create().junction);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(first.closed);
    }

    @Test
    void close_closesTheCurrentJunction() {
        Tracked only = Tracked.create();
        JunctionHolder holder = new JunctionHolder(only.junction, Duration.ofSeconds(1));

        holder.close();

        assertThat(only.closed).isTrue();
    }
}
