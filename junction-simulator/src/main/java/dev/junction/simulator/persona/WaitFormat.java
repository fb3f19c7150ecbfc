package dev.junction.simulator.persona;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** The ways providers spell a wait: plain seconds, Go durations ({@code 1m30s}), protobuf durations ({@code 1.5s}). */
final class WaitFormat {

    private WaitFormat() {}

    /** Whole seconds, rounded up, as in an HTTP {@code retry-after} header. */
    static String retryAfterSeconds(Duration wait) {
        long millis = wait.toMillis();
        return Long.toString((millis + 999) / 1000);
    }

    /** Seconds with up to 9 decimals and an {@code s}, as protobuf JSON writes a Duration ({@code 47s}, {@code 1.5s}). */
    /** The wait as the OpenAI family sends it on a 429: {@code retry-after} (seconds) and {@code retry-after-ms}. */
    static void putRetryAfter(java.util.Map<String, String> headers, Duration wait) {
        headers.put("retry-after", retryAfterSeconds(wait));
        headers.put("retry-after-ms", Long.toString(wait.toMillis()));
    }

    static String protobufDuration(Duration wait) {
        return seconds(wait) + "s";
    }

    /** Go's {@code time.Duration} text as OpenAI's {@code x-ratelimit-reset-*} headers use it: {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    static String goDuration(Duration wait) {
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) return wait.toMillis() + "ms";
        if (wait.compareTo(Duration.ofMinutes(1)) < 0) return seconds(wait) + "s";
        long minutes = wait.toMinutes();
        return minutes + "m" + seconds(wait.minusMinutes(minutes)) + "s";
    }

    private static String seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return s.setScale(9, RoundingMode.UNNECESSARY).stripTrailingZeros().toPlainString();
    }
}
