package dev.junction.ledger.report;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * What one report asks for, parsed from the strings the command line and the admin API take, with the
 * same rules and messages for both.
 *
 * @param groupBy the summary's dimensions ({@link GroupKey} names); empty for the other views
 * @param since   inclusive lower bound, null for open
 * @param until   exclusive upper bound, null for open
 * @param limit   rows of the top-customers and top-prompts views
 */
public record ReportQuery(ReportView view, List<String> groupBy, Instant since, Instant until, int limit) {
    public static final List<String> DEFAULT_GROUP_BY = List.of("task");
    public static final int DEFAULT_LIMIT = 10;
    /** The period of {@code cost-change} when no {@code since} is given: the last 7 days against the 7 before. */
    public static final Duration DEFAULT_CHANGE_PERIOD = Duration.ofDays(7);

    /** A parameter that does not parse; {@link #param} is its admin API name. */
    public static final class InvalidParameter extends IllegalArgumentException {
        private final String param;

        public InvalidParameter(String param, String message) {
            super(message);
            this.param = param;
        }

        public String param() { return param; }
    }

    /**
     * Every argument may be null (not given).
     *
     * @param groupBy comma-separated {@code task,model,provider,customer,day,status,tag:KEY}
     * @param since   {@code 7d}, {@code 24h}, {@code 30m} (before {@code now}), an ISO instant or offset
     *                date-time, a UTC date-time without offset, or a date (its start, UTC)
     * @throws InvalidParameter naming the parameter that is wrong and why
     */
    public static ReportQuery parse(String view, String groupBy, String since, String until, String limit, Instant now) {
        ReportView v;
        try {
            v = view == null || view.isBlank() ? ReportView.SUMMARY : ReportView.parse(view);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("view", e.getMessage());
        }
        List<String> groups = groups(v, groupBy);
        Instant from = since == null || since.isBlank() ? null : time("since", since, now);
        Instant to = until == null || until.isBlank() ? null : time("until", until, now);
        if (v == ReportView.COST_CHANGE) {
            if (to == null) to = now;
            if (from == null) from = to.minus(DEFAULT_CHANGE_PERIOD);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameter("since", "since (" + from + ") must be before until (" + to + ")");
        }
        return new ReportQuery(v, groups, from, to, limit(limit));
    }

    private static List<String> groups(ReportView view, String groupBy) {
        if (groupBy == null) return view == ReportView.SUMMARY ? DEFAULT_GROUP_BY : List.of();
        if (view != ReportView.SUMMARY) {
            throw new InvalidParameter("groupBy", "grouping applies to the summary view only; the "
                    + view.wireName() + " view has its own rows");
        }
        List<String> names = Arrays.stream(groupBy.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            try {
                GroupKey.parse(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("groupBy", e.getMessage());
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new InvalidParameter("groupBy", "a group is named twice in '" + groupBy + "'");
        }
        return names;
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameter("limit", "limit must be a positive whole number, not '" + text + "'");
    }

    /** A relative age ({@code 7d}, {@code 24h}, {@code 30m}) before {@code now}, or an absolute time. */
    static Instant time(String param, String text, Instant now) {
        String t = text.strip();
        try {
            Duration ago = age(t);
            if (ago != null) return now.minus(ago);
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (t.endsWith("Z") || t.endsWith("z")) return Instant.parse(t.toUpperCase(java.util.Locale.ROOT));
            if (hasOffset(t)) return OffsetDateTime.parse(t).toInstant();
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidParameter(param, param + " '" + text + "' is not a time: want 7d, 24h, 30m, an ISO "
                    + "instant (2025-03-14T09:30:00Z) or a date (2025-03-14, UTC)");
        }
    }

    private static Duration age(String t) {
        if (t.length() < 2) return null;
        String digits = t.substring(0, t.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) return null;
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> null;
        };
    }

    /** {@code ...+02:00} or {@code ...-05:00} after the time part. */
    private static boolean hasOffset(String t) {
        int time = t.indexOf('T');
        return time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0);
    }
}
