package dev.junction.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.health.HealthRegistry;
import dev.junction.model.ChatRequest;
import dev.junction.model.Message;
import dev.junction.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedPrimaryTest {
    private final JunctionConfig config = new ConfigLoader(Map.of()).parse("""
            providers:
              openai: { api: openai, baseUrl: http://127.0.0.1:9/v1 }
            routes:
              canary:
                primary: [{model: openai/gpt-4.1-mini, weight: 90}, {model: openai/gpt-5-mini, weight: 10}]
                fallback: [openai/gpt-4.1]
              sticky_canary:
                primary: [{model: openai/gpt-4.1-mini, weight: 50}, {model: openai/gpt-5-mini, weight: 50}]
                sticky: true
            """, "t.yaml");
    private final CandidatePlanner planner = new CandidatePlanner(config.providers(), config.catalog(),
            new HealthRegistry(new FakeClock(), Duration.ofMinutes(5)), new Random(42));
    private final ChatRequest request = ChatRequest.of(List.of(Message.user("hi")));

    private String first(String route, String customer) {
        return planner.plan(config.routes().resolve(route), request, customer).entries().getFirst().model().toString();
    }

    @Test
    void plan_weightedPrimary_picksByWeightAndKeepsTheOthersAsFallbacks() {
        int canary = 0;
        for (int i = 0; i < 2000; i++) {
            if (first("canary", "c" + i).equals("openai/gpt-5-mini")) canary++;
        }

        assertThat(canary).isBetween(140, 260); // 10% of 2,000, with generous room
        assertThat(planner.plan(config.routes().resolve("canary"), request, "c").entries())
                .extracting(e -> e.model().toString()).hasSize(3).contains("openai/gpt-4.1");
    }

    @Test
    void plan_stickyRoute_sameCustomerAlwaysGetsTheSamePrimary() {
        for (String customer : List.of("acme", "globex", "initech", "umbrella")) {
            String firstPick = first("sticky_canary", customer);
            for (int i = 0; i < 20; i++) assertThat(first("sticky_canary", customer)).isEqualTo(firstPick);
        }
    }

    @Test
    void plan_stickyRoute_spreadsCustomersOverBothPrimaries() {
        long distinct = java.util.stream.IntStream.range(0, 200).mapToObj(i -> first("sticky_canary", "customer-" + i)).distinct().count();

        assertThat(distinct).isEqualTo(2);
    }
}
