package dev.junction.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReportQueryTest {
    private static final Instant NOW = Instant.parse("2025-03-15T12:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "7d,                        2025-03-08T12:00:00Z",
            "24h,                       2025-03-14T12:00:00Z",
            "30m,                       2025-03-15T11:30:00Z",
            "0d,                        2025-03-15T12:00:00Z",
            "2025-03-01,                2025-03-01T00:00:00Z",
            "2025-03-01T08:30:00Z,      2025-03-01T08:30:00Z",
            "2025-03-01T08:30:00.5Z,    2025-03-01T08:30:00.500Z",
            "2025-03-01T10:30:00+02:00, 2025-03-01T08:30:00Z",
            "2025-03-01T03:30:00-05:00, 2025-03-01T08:30:00Z",
            "2025-03-01T08:30:00,       2025-03-01T08:30:00Z",
    })
    void time_relativeOrAbsolute_parsesToInstant(String text, String expected) {
        assertThat(ReportQuery.time("since", text, NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"7w", "d", "-7d", "yesterday", "2025-13-01", "99999999999999999999d", "7 d"})
    void time_notATime_namesTheParameterAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> ReportQuery.time("since", text, NOW))
                .isInstanceOfSatisfying(ReportQuery.InvalidParameter.class, e -> {
                    assertThat(e.param()).isEqualTo("since");
                    assertThat(e.getMessage()).contains("'" + text + "'").contains("7d, 24h, 30m");
                });
    }

    @Test
    void parse_nothingGiven_summaryByTaskOverEverything() {
        assertThat(ReportQuery.parse(null, null, null, null, null, NOW))
                .isEqualTo(new ReportQuery(ReportView.SUMMARY, List.of("task"), null, null, ReportQuery.DEFAULT_LIMIT));
    }

    @Test
    void parse_groupsWithTag_keptInOrder() {
        ReportQuery q = ReportQuery.parse("summary", "day, tag:feature,model", "7d", null, null, NOW);

        assertThat(q.groupBy()).containsExactly("day", "tag:feature", "model");
        assertThat(q.since()).isEqualTo(Instant.parse("2025-03-08T12:00:00Z"));
    }

    @Test
    void parse_emptyGroupBy_oneTotalRow() {
        assertThat(ReportQuery.parse(null, "", null, null, null, NOW).groupBy()).isEmpty();
    }

    @Test
    void parse_costChangeWithoutPeriod_lastSevenDaysUntilNow() {
        ReportQuery q = ReportQuery.parse("cost-change", null, null, null, null, NOW);

        assertThat(q.since()).isEqualTo(Instant.parse("2025-03-08T12:00:00Z"));
        assertThat(q.until()).isEqualTo(NOW);
        assertThat(q.groupBy()).isEmpty();
    }

    @Test
    void parse_viewNamesWithDashes_accepted() {
        assertThat(ReportQuery.parse("top-customers", null, null, null, "3", NOW))
                .extracting(ReportQuery::view, ReportQuery::limit).containsExactly(ReportView.TOP_CUSTOMERS, 3);
    }

    @ParameterizedTest(name = "view={0} groupBy={1} since={2} until={3} limit={4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "bogus       | -          | -  | -  | - | view    | unknown view 'bogus' (want summary, fallbacks, errors, latency, top-customers, top-prompts, cost-change)",
            "-           | region     | -  | -  | - | groupBy | unknown group 'region' (want task, model, provider, customer, day, status or tag:KEY)",
            "-           | task,task  | -  | -  | - | groupBy | a group is named twice in 'task,task'",
            "errors      | model      | -  | -  | - | groupBy | grouping applies to the summary view only; the errors view has its own rows",
            "top-prompts | -          | -  | -  | 0 | limit   | limit must be a positive whole number, not '0'",
            "-           | -          | 0m | 0m | - | since   | since (2025-03-15T12:00:00Z) must be before until (2025-03-15T12:00:00Z)",
    })
    void parse_badParameter_namesItWithAMessage(String view, String groupBy, String since, String until, String limit,
                                                String param, String message) {
        assertThatThrownBy(() -> ReportQuery.parse(view, groupBy, since, until, limit, NOW))
                .isInstanceOfSatisfying(ReportQuery.InvalidParameter.class, e -> {
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
