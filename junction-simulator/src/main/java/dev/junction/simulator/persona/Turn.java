package dev.junction.simulator.persona;

import dev.junction.simulator.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * One resolved answer: the scripted {@link Step.Answer}, its final text (for text answers), and
 * the token counts to report.
 *
 * @param answer the scripted answer ({@link Step.Echo} already turned into {@code text})
 * @param text the reply text, or {@code null} for a tool call or a refusal
 * @param usage the token counts to report
 */
public record Turn(Step.Answer answer, String text, Step.Usage usage) {

    /** How many words of the last user message the default reply echoes. */
    static final int ECHO_WORDS = 8;

    /**
     * Resolves a step's answer for one request: the echo text, and the usage, either scripted or
     * estimated as ceil(chars / 4) on both sides (a tool call counts its name and arguments).
     */
    public static Turn resolve(Step step, RequestFacts facts) {
        String text = switch (step.answer()) {
            case Step.Echo echo -> echo(facts);
            case Step.Text t -> t.text();
            case Step.ToolCall call -> null;
            case Step.Refusal refusal -> null;
        };
        long outputChars = switch (step.answer()) {
            case Step.ToolCall call -> call.name().length() + call.argumentsJson().length();
            case Step.Refusal refusal -> 0;
            default -> text.length();
        };
        Step.Usage usage = step.usage() != null ? step.usage() : new Step.Usage(facts.inputTokens(), tokens(outputChars));
        return new Turn(step.answer(), text, usage);
    }

    /** The estimate every persona uses: ceil(chars / 4). */
    public static long tokens(long chars) {
        return (chars + 3) / 4;
    }

    private static String echo(RequestFacts facts) {
        String said = facts.lastUserText() == null ? "" : facts.lastUserText().strip();
        if (said.isEmpty()) return "Simulated reply from " + facts.model() + ".";
        String[] words = said.split("\\s+", ECHO_WORDS + 1);
        int n = Math.min(words.length, ECHO_WORDS);
        return "Simulated reply from " + facts.model() + ": " + String.join(" ", java.util.Arrays.copyOf(words, n));
    }

    /** The text cut into word pieces, each with its leading spaces: how the streams send it. */
    public List<String> words() {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') i++;
            while (i < text.length() && text.charAt(i) != ' ') i++;
            pieces.add(text.substring(start, i));
            start = i;
        }
        if (pieces.isEmpty()) pieces.add("");
        return pieces;
    }

    /** Splits {@code s} into up to {@code parts} consecutive fragments, never inside a surrogate pair. */
    public static List<String> fragments(String s, int parts) {
        List<String> out = new ArrayList<>();
        int size = Math.max(1, (s.length() + parts - 1) / parts);
        int start = 0;
        while (start < s.length()) {
            int end = Math.min(s.length(), start + size);
            if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) end++;
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }
}
