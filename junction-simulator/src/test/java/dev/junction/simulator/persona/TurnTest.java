package dev.junction.simulator.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.simulator.Step;
import org.junit.jupiter.api.Test;

class TurnTest {

    private static RequestFacts facts(String lastUser, long inputTokens) {
        return new RequestFacts(1, "m", false, false, false, inputTokens, lastUser);
    }

    @Test
    void resolve_echo_quotesTheFirstEightWordsOfTheLastUserMessage() {
        Turn turn = Turn.resolve(Step.ok(), facts("  one two\tthree four five six seven eight nine ten ", 5));

        assertThat(turn.text()).isEqualTo("Simulated reply from m: one two three four five six seven eight");
        assertThat(turn.usage()).isEqualTo(new Step.Usage(5, (turn.text().length() + 3) / 4));
    }

    @Test
    void resolve_echoWithoutUserText_saysSoPlainly() {
        assertThat(Turn.resolve(Step.ok(), facts(null, 0)).text()).isEqualTo("Simulated reply from m.");
    }

    @Test
    void resolve_scriptedUsage_winsOverTheEstimate() {
        assertThat(Turn.resolve(Step.ok("x").withUsage(100, 7), facts("hi", 1)).usage()).isEqualTo(new Step.Usage(100, 7));
    }

    @Test
    void resolve_toolCall_estimatesOutputFromNameAndArguments() {
        Turn turn = Turn.resolve(Step.toolCall("abcd", "{\"a\":1}"), facts("hi", 1));

        assertThat(turn.text()).isNull();
        assertThat(turn.usage().outputTokens()).isEqualTo(3); // 4 + 7 chars
    }

    @Test
    void tokens_isCeilingOfCharsOverFour() {
        assertThat(Turn.tokens(0)).isZero();
        assertThat(Turn.tokens(1)).isEqualTo(1);
        assertThat(Turn.tokens(4)).isEqualTo(1);
        assertThat(Turn.tokens(5)).isEqualTo(2);
    }

    @Test
    void words_keepLeadingSpacesSoTheyJoinBackToTheText() {
        Turn turn = new Turn(new Step.Echo(), "Hello  big world", new Step.Usage(0, 0));

        assertThat(turn.words()).containsExactly("Hello", "  big", " world");
        assertThat(String.join("", turn.words())).isEqualTo("Hello  big world");
    }

    @Test
    void words_emptyText_isOneEmptyPiece() {
        assertThat(new Turn(new Step.Echo(), "", new Step.Usage(0, 0)).words()).containsExactly("");
    }

    @Test
    void fragments_joinBackAndNeverSplitASurrogatePair() {
        String s = "{\"emoji\":\"\uD83D\uDE00\uD83D\uDE00\"}";

        for (int parts = 1; parts <= s.length(); parts++) {
            var fragments = Turn.fragments(s, parts);
            assertThat(String.join("", fragments)).isEqualTo(s);
            assertThat(fragments).allSatisfy(f -> assertThat(Character.isHighSurrogate(f.charAt(f.length() - 1))).isFalse());
        }
    }
}
