package dev.junction.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SummaryMathTest {

    @ParameterizedTest(name = "p{1} of {0} = {2}")
    @CsvSource(delimiter = '|', value = {
            "5                          | 50 | 5",
            "5                          | 95 | 5",
            "100,300,500,700            | 50 | 300",
            "100,300,500,700            | 95 | 700",
            "1,2,3,4,5,6,7,8,9,10       | 50 | 5",
            "1,2,3,4,5,6,7,8,9,10       | 95 | 10",
            "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20 | 95 | 19",
    })
    void percentile_nearestRank_matchesTable(String values, int p, long expected) {
        long[] sorted = java.util.Arrays.stream(values.split(",")).map(String::strip).mapToLong(Long::parseLong).toArray();

        assertThat(SummaryAccumulator.percentile(sorted, p)).isEqualTo(expected);
    }

    @Test
    void percentile_noValues_zero() {
        assertThat(SummaryAccumulator.percentile(new long[0], 95)).isZero();
    }

    @Test
    void parse_knownNamesAndTags_givesKeys() {
        assertThat(GroupKey.parse("customer")).isEqualTo(GroupKey.Column.CUSTOMER);
        assertThat(GroupKey.parse(" day ")).isEqualTo(GroupKey.Column.DAY);
        assertThat(GroupKey.parse("tag:feature")).isEqualTo(new GroupKey.Tag("feature"));
        assertThat(GroupKey.parse("tag:feature").label()).isEqualTo("tag:feature");
    }

    @Test
    void parse_unknownName_saysWhatIsAllowed() {
        assertThatThrownBy(() -> GroupKey.parse("region"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown group 'region' (want task, model, provider, customer, day, status or tag:KEY)");
    }
}
