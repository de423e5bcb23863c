package dev.runbook.action.terraform;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a weekly ElastiCache maintenance window ({@code sun:05:00-sun:07:00}, UTC) is open or next opens:
 * what a plan with {@code apply_immediately = false} waits for. Kept in this package so the Terraform path
 * depends on no other step's code; a value that does not parse yields "unknown" rather than a failure.
 */
record WindowOpening(Instant start, Instant end, boolean openNow) {
    private static final Pattern WINDOW = Pattern.compile(
            "(?i)(sun|mon|tue|wed|thu|fri|sat):(\\d\\d):(\\d\\d)-(sun|mon|tue|wed|thu|fri|sat):(\\d\\d):(\\d\\d)");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** The window that contains {@code now}, or else the next one; empty when {@code spec} is not a window. */
    static Optional<WindowOpening> of(String spec, Instant now) {
        Matcher m = spec == null ? null : WINDOW.matcher(spec.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        DayOfWeek startDay = day(m.group(1));
        LocalTime startTime = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        DayOfWeek endDay = day(m.group(4));
        LocalTime endTime = LocalTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        long minutes = (endDay.getValue() - startDay.getValue()) * 1440L
                + (endTime.toSecondOfDay() - startTime.toSecondOfDay()) / 60;
        Duration length = Duration.ofMinutes(Math.floorMod(minutes, 7 * 1440L));
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        // Try last week's start through next week's: the first whose end is still ahead is the answer.
        for (int week = -1; week <= 1; week++) {
            ZonedDateTime start = utc.toLocalDate().plusWeeks(week)
                    .with(java.time.temporal.TemporalAdjusters.previousOrSame(startDay))
                    .atTime(startTime).atZone(ZoneOffset.UTC);
            Instant end = start.toInstant().plus(length);
            if (end.isAfter(now)) {
                return Optional.of(new WindowOpening(start.toInstant(), end, !start.toInstant().isAfter(now)));
            }
        }
        return Optional.empty();
    }

    /** "open now, until Sun 2026-11-29 07:00 UTC" or "next opening Sun 2026-11-29 05:00 UTC, in 30m". */
    String describe(Instant now) {
        if (openNow) {
            return "open now, until " + WHEN.format(end.atZone(ZoneOffset.UTC));
        }
        return "next opening " + WHEN.format(start.atZone(ZoneOffset.UTC)) + ", in " + human(Duration.between(now, start));
    }

    /** 500ms, 45s, 30m, 1h5m, 2d3h: durations as the operator reads them. */
    static String human(Duration d) {
        if (d.toSeconds() < 60) {
            return d.toSeconds() == 0 ? Math.max(0, d.toMillis()) + "ms" : d.toSeconds() + "s";
        }
        long m = d.toMinutes();
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        return h < 48 ? h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : (h / 24) + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
    }

    private static DayOfWeek day(String abbrev) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(abbrev)) {
                return d;
            }
        }
        throw new IllegalArgumentException(abbrev);
    }
}
