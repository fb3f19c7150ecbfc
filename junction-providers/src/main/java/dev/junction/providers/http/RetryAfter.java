package dev.junction.providers.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The wait an upstream asks for, read as the official SDKs read it: {@code retry-after-ms}
 * (milliseconds, non-standard), then {@code retry-after} (seconds, or an HTTP date). Header names are
 * lower case. Shared by every wire format's error classifier.
 */
public final class RetryAfter {
    public static final String RETRY_AFTER_MS = "retry-after-ms";
    public static final String RETRY_AFTER = "retry-after";

    private RetryAfter() {}

    /** The wait, or null when the headers give none (or only an unreadable one). */
    public static Duration from(Map<String, List<String>> headers, InstantSource clock) {
        String ms = first(headers, RETRY_AFTER_MS);
        if (ms != null) {
            try {
                double value = Double.parseDouble(ms.trim());
                if (value >= 0) return Duration.ofNanos((long) (value * 1_000_000));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String after = first(headers, RETRY_AFTER);
        if (after == null) return null;
        try {
            double seconds = Double.parseDouble(after.trim());
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                return until(ZonedDateTime.parse(after.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), clock);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** The time from now until {@code at}; zero when it has passed. */
    public static Duration until(Instant at, InstantSource clock) {
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** The first value of a (lower-case) header, or null. */
    public static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
