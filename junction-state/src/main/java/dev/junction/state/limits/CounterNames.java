package dev.junction.state.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The names of the counters behind limits, one place for the checker and the recorder. Budgets run on
 * UTC days and calendar months: the period is part of the name, so a new day starts from zero by itself.
 */
final class CounterNames {
    static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    static final String BUDGET_EXCEEDED = "budget_exceeded";
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** Kept a day past the period so a request finishing at midnight still finds its counter. */
    static final Duration DAY_TTL = Duration.ofDays(2);
    static final Duration MONTH_TTL = Duration.ofDays(32);

    private CounterNames() {}

    static String requests(Subject s) { return "rpm:" + s.kind() + ":" + s.id(); }

    static String tokens(Subject s) { return "tpm:" + s.kind() + ":" + s.id(); }

    static String spendDay(Subject s, Instant now) { return period(now).day + s.kind() + ":" + s.id(); }

    static String spendMonth(Subject s, Instant now) { return period(now).month + s.kind() + ":" + s.id(); }

    /** The day's and the month's name prefixes, made once a day rather than twice per request. */
    private record Period(long epochDay, String day, String month) {}

    private static volatile Period period = new Period(Long.MIN_VALUE, "", "");

    private static Period period(Instant now) {
        long epochDay = Math.floorDiv(now.getEpochSecond(), 86_400);
        Period p = period;
        if (p.epochDay != epochDay) {
            LocalDate day = LocalDate.ofEpochDay(epochDay);
            p = new Period(epochDay, "usd:day:" + day + ":", "usd:month:" + YearMonth.from(day) + ":");
            period = p;
        }
        return p;
    }

    static long secondsToNextDay(Instant now) {
        Instant next = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Math.max(1, Duration.between(now, next).toSeconds());
    }

    static long secondsToNextMonth(Instant now) {
        Instant next = YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Math.max(1, Duration.between(now, next).toSeconds());
    }
}
