package dev.junction.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ledger.report.ReportTable.Column;
import dev.junction.ledger.report.ReportTable.Kind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static final Map<String, Long> CAUSES = new LinkedHashMap<>(Map.of("rate_limited", 3L));

    private static ReportTable table() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("view", "fallbacks");
        header.put("since", null);
        return new ReportTable(header,
                List.of(new Column("task", Kind.TEXT), new Column("requests", Kind.COUNT), new Column("costUsd", Kind.USD),
                        new Column("rate", Kind.RATIO), new Column("causes", Kind.COUNTS), new Column("p50TtftMs", Kind.MILLIS)),
                List.of(Arrays.asList("chat, \"support\"", 12L, 0.0000125, 0.25, CAUSES, null),
                        Arrays.asList("x", 3L, 1.5, 0.0, Map.of(), 40L)));
    }

    @Test
    void table_alignsTextLeftAndNumbersRight_withHeaderAbove() {
        assertThat(ReportFormat.TABLE.render(table())).isEqualTo("""
                view: fallbacks
                since: -

                task             requests   costUsd   rate  causes          p50TtftMs
                chat, "support"        12  0.000013  25.0%  rate_limited=3          -
                x                       3  1.500000   0.0%                         40
                """);
    }

    @Test
    void csv_quotesWhereNeeded_writesCostsWithoutExponents() {
        assertThat(ReportFormat.CSV.render(table())).isEqualTo(
                "task,requests,costUsd,rate,causes,p50TtftMs\r\n"
                + "\"chat, \"\"support\"\"\",12,0.0000125,0.25,rate_limited=3,\r\n"
                + "x,3,1.5,0,,40\r\n");
    }

    @Test
    void json_headerBesideRows_countsAsObjects() {
        assertThat(ReportFormat.JSON.render(table())).isEqualTo("{\"view\":\"fallbacks\",\"since\":null,\"rows\":["
                + "{\"task\":\"chat, \\\"support\\\"\",\"requests\":12,\"costUsd\":1.25E-5,\"rate\":0.25,"
                + "\"causes\":{\"rate_limited\":3},\"p50TtftMs\":null},"
                + "{\"task\":\"x\",\"requests\":3,\"costUsd\":1.5,\"rate\":0.0,\"causes\":{},\"p50TtftMs\":40}]}");
    }

    @Test
    void table_noRows_saysSo() {
        ReportTable empty = new ReportTable(Map.of(), List.of(new Column("task", Kind.TEXT)), List.of());

        assertThat(ReportFormat.TABLE.render(empty)).isEqualTo("task\n(no usage rows in this period)\n");
    }
}
