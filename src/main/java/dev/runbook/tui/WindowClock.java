package dev.runbook.tui;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The maintenance window ({@code ddd:hh:mm-ddd:hh:mm}, UTC, as ElastiCache writes it) as the status bar shows
 * it: time left while inside, time until it opens otherwise. A small parser of the TUI's own: the settings
 * already validated the format, and the status bar must not depend on the guard actions.
 */
public final class WindowClock {
    private static final Pattern WINDOW = Pattern.compile("^(\\w{3}):(\\d\\d):(\\d\\d)-(\\w{3}):(\\d\\d):(\\d\\d)$");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private final String text;
    private final Matcher m;

    public WindowClock(String window) {
        this.text = window;
        Matcher matcher = WINDOW.matcher(window.toLowerCase(Locale.ROOT));
        this.m = matcher.matches() && DAYS.containsKey(matcher.group(1)) && DAYS.containsKey(matcher.group(4))
                ? matcher : null;
    }

    /** "window 1h12m left", "window opens in 2d03h", or "window ?" when it cannot be read. */
    public String describe(Instant now) {
        if (m == null) {
            return "window " + text + "?";
        }
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        ZonedDateTime start = at(t, m.group(1), m.group(2), m.group(3));
        ZonedDateTime end = at(start, m.group(4), m.group(5), m.group(6));
        if (!end.isAfter(start)) {
            end = end.plusWeeks(1);
        }
        // "start" is the next start at or before a week ahead; the current window may have started last week
        ZonedDateTime previousStart = start.minusWeeks(1);
        ZonedDateTime previousEnd = end.minusWeeks(1);
        if (!t.isBefore(previousStart) && t.isBefore(previousEnd)) {
            return "window " + span(Duration.between(t, previousEnd)) + " left";
        }
        if (!t.isBefore(start) && t.isBefore(end)) {
            return "window " + span(Duration.between(t, end)) + " left";
        }
        return "window opens in " + span(Duration.between(t, start));
    }

    /** The first moment at or after {@code from} falling on the given day and time. */
    private static ZonedDateTime at(ZonedDateTime from, String day, String hh, String mm) {
        ZonedDateTime candidate = from.with(TemporalAdjusters.nextOrSame(DAYS.get(day)))
                .withHour(Integer.parseInt(hh)).withMinute(Integer.parseInt(mm)).truncatedTo(ChronoUnit.MINUTES);
        return candidate.isBefore(from) ? candidate.plusWeeks(1) : candidate;
    }

    static String span(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 24 * 60) {
            return String.format(Locale.ROOT, "%dd%02dh", minutes / (24 * 60), minutes / 60 % 24);
        }
        if (minutes >= 60) {
            return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
        }
        return minutes + "m";
    }
}
