package dev.junction.providers.openai;

import dev.junction.providers.http.RetryAfter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The wait OpenAI's {@code x-ratelimit-*} headers imply when a 429 carries no {@code retry-after}:
 * the reset time of each window reported exhausted ({@code x-ratelimit-remaining-requests} or
 * {@code -tokens} at 0), the longer of the two. Resets are Go durations ({@code 12ms}, {@code 1s},
 * {@code 6m0s}). A window that is not exhausted says nothing about when to come back, so without an
 * exhausted one there is no hint. A reset is the time until the window is full again, an upper bound
 * on the wait for one more request, so the hint is capped at {@link #MAX_HINT} (the longest hint
 * openai-node obeys): a model is not skipped for minutes on a bound.
 */
final class RateLimitReset {
    static final Duration MAX_HINT = Duration.ofSeconds(60);

    private RateLimitReset() {}

    static Duration from(Map<String, List<String>> headers) {
        Duration wait = null;
        for (String window : new String[] {"requests", "tokens"}) {
            if (!"0".equals(trim(RetryAfter.first(headers, "x-ratelimit-remaining-" + window)))) continue;
            Duration reset = goDuration(RetryAfter.first(headers, "x-ratelimit-reset-" + window));
            if (reset != null && (wait == null || reset.compareTo(wait) > 0)) wait = reset;
        }
        return wait == null || wait.compareTo(MAX_HINT) <= 0 ? wait : MAX_HINT;
    }

    /** A Go duration string ({@code 1h2m3.5s}, {@code 250ms}, {@code 0s}), or null when it is not one. */
    static Duration goDuration(String text) {
        if (text == null || text.isBlank()) return null;
        String s = text.trim();
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (i == start) return null;
            double value;
            try {
                value = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return null;
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            double unitNanos = switch (s.substring(unitStart, i)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                case "ns" -> 1;
                default -> -1;
            };
            if (unitNanos < 0) return null;
            nanos += (long) (value * unitNanos);
        }
        return Duration.ofNanos(nanos);
    }

    private static String trim(String s) { return s == null ? null : s.trim(); }
}
