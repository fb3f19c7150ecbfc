package dev.junction.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.catalog.Prices;
import dev.junction.error.ErrorClass;
import dev.junction.error.Failure;
import dev.junction.model.Usage;
import dev.junction.runner.Attempt;
import dev.junction.runner.Outcome;
import dev.junction.usage.UsageRecord;
import dev.junction.usage.UsageStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir Path dir;

    @Test
    void codec_everyOutcomeKind_roundTripsToAnEqualRecord() {
        UsageRecord interrupted = new UsageRecord(SampleUsage.T0.plusNanos(7), "req-i", "c", "t", "a/b", "a/b", "a", false, 2,
                new Usage(1, 2, 3, 4), 0.5, 10, 3L, true, UsageStatus.INTERRUPTED, "connection", Map.of("k", "v"), "key",
                List.of(new Attempt(0, SampleUsage.MINI, Outcome.CANCELLED, 0, 5, null, Usage.ZERO, null),
                        new Attempt(1, SampleUsage.HAIKU, new Outcome.Interrupted(Failure.of(ErrorClass.CONNECTION, "reset")),
                                200, 9, 2L, new Usage(1, 2), 0.25)), new Prices(2.0, 8.0, null));

        for (UsageRecord r : List.of(SampleUsage.servedAfterFallback("a"), SampleUsage.failedEverywhere("b"), interrupted)) {
            assertThat(JournalCodec.decode(JournalCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void codec_awkwardTextAndNumbers_roundTripAndStayOneValidJsonLine() throws IOException {
        // tags and provider messages are caller and provider text: quotes, backslashes, control characters,
        // non-ASCII and emoji (a surrogate pair) must come back unchanged
        String awkward = "say \"hi\"\\ tab\t nl\n cr\r bell\u0007 é 漢字 \uD83D\uDE00 end";
        Failure failure = new Failure(ErrorClass.SERVER_ERROR, 500, java.time.Duration.ofMillis(1500), "code\"x", awkward);
        UsageRecord r = new UsageRecord(java.time.Instant.parse("1999-12-31T23:59:59.000000001Z"), "req-\u00e9", awkward,
                "t", "a/b", "a/b", "a", true, 2, new Usage(Long.MAX_VALUE, 0, 3, 4), 1.0E-12, 0, null, false,
                UsageStatus.ERROR, "server_error", Map.of(awkward, awkward, "k", ""), null,
                List.of(new Attempt(0, SampleUsage.MINI, new Outcome.Failed(failure), 500, -1, 0L, Usage.ZERO, 123456.789)),
                new Prices(0.15, 0.6, 0.075));

        String line = JournalCodec.encode(r);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(line); // valid JSON
        assertThat(JournalCodec.decode(line)).isEqualTo(r);
    }

    @Test
    void codec_loneSurrogate_becomesTheReplacementCharacter() {
        // not text, but a Java string can hold one (a provider message cut mid-emoji): the line stays valid
        UsageRecord r = SampleUsage.servedAfterFallback("cut \uD83D here");

        assertThat(JournalCodec.decode(JournalCodec.encode(r)).requestId()).isEqualTo("cut \uFFFD here");
    }

    @Test
    void codec_lineWithoutPrices_decodesWithNullPrices() throws IOException {
        // lines journaled before prices were kept have no "prices" field; they must still replay
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(JournalCodec.encode(SampleUsage.servedAfterFallback("old")));
        node.remove("prices");
        String line = node.toString();

        assertThat(line).doesNotContain("prices");
        assertThat(JournalCodec.decode(line).prices()).isNull();
        assertThat(JournalCodec.decode(line).costUsd()).isEqualTo(0.0021);
    }

    @Test
    void codec_truncatedLine_isRejected() {
        String line = JournalCodec.encode(SampleUsage.servedAfterFallback("a"));

        assertThatThrownBy(() -> JournalCodec.decode(line.substring(0, line.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replay_afterAppends_handsOverInOrderAndDeletesSegments() throws IOException {
        Journal journal = Journal.open(dir);
        journal.append(SampleUsage.bulk("a", 3));
        journal.append(SampleUsage.bulk("b", 2));
        List<String> seen = new ArrayList<>();

        long n = journal.replay(batch -> batch.forEach(r -> seen.add(r.requestId())), 2);

        assertThat(n).isEqualTo(5);
        assertThat(seen).containsExactly("a0", "a1", "a2", "b0", "b1");
        assertThat(journal.rows()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void replay_storeFails_keepsRowsForTheNextReplay() {
        Journal journal = Journal.open(dir);
        journal.append(SampleUsage.bulk("a", 3));

        assertThatThrownBy(() -> journal.replay(batch -> { throw new IllegalStateException("down"); }, 10))
                .hasMessage("down");

        assertThat(journal.rows()).isEqualTo(3);
        List<String> seen = new ArrayList<>();
        journal.replay(batch -> batch.forEach(r -> seen.add(r.requestId())), 10);
        assertThat(seen).containsExactly("a0", "a1", "a2");
    }

    @Test
    void open_segmentsOfEarlierRun_countsAndReplaysThem() {
        Journal first = Journal.open(dir);
        first.append(SampleUsage.bulk("a", 4));
        first.close();

        Journal second = Journal.open(dir);
        second.append(SampleUsage.bulk("b", 1));

        assertThat(second.rows()).isEqualTo(5);
        List<String> seen = new ArrayList<>();
        second.replay(batch -> batch.forEach(r -> seen.add(r.requestId())), 10);
        assertThat(seen).containsExactly("a0", "a1", "a2", "a3", "b0");
    }

    @Test
    void replay_lineCutShortByACrash_skipsItAndKeepsTheRest() throws IOException {
        Journal first = Journal.open(dir);
        first.append(SampleUsage.bulk("a", 2));
        first.close();
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        String torn = JournalCodec.encode(SampleUsage.servedAfterFallback("torn"));
        Files.writeString(segment, torn.substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<String> seen = new ArrayList<>();
        Journal.open(dir).replay(batch -> batch.forEach(r -> seen.add(r.requestId())), 10);

        assertThat(seen).containsExactly("a0", "a1");
    }

    @Test
    void append_backlogPassesTheBound_logsLoudlyOncePerDoubling() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Journal.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (Journal journal = Journal.open(dir, 10)) {
            for (int i = 0; i < 45; i++) journal.append(List.of(SampleUsage.servedAfterFallback("req-" + i)));

            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                    .map(e -> e.getFormattedMessage()).toList();
            assertThat(warnings).hasSize(3); // at 10, 20 and 40 rows
            assertThat(warnings.getFirst()).contains("holds 10 rows waiting for the store");
        } finally {
            logger.detachAppender(logged);
        }
    }
}
