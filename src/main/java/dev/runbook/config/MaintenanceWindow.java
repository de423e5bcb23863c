package dev.runbook.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ElastiCache weekly maintenance window such as {@code sun:04:00-sun:06:00} (UTC), which may wrap over the
 * week's end ({@code sat:23:00-sun:01:00}): whether an instant is inside, how long is left, when it next opens.
 * Pure maths over the week's seconds: the one place the guard, the upgrade step, the Terraform analysis, the
 * simulation and the status bar get their answers from.
 */
public final class MaintenanceWindow {
    private static final Pattern FORMAT = Pattern.compile(
            "^(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):([0-5]\\d)-(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):([0-5]\\d)$");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final long WEEK = Duration.ofDays(7).getSeconds();
    /** ElastiCache accepts maintenance windows of 60 minutes to 24 hours. */
    public static final Duration SHORTEST = Duration.ofMinutes(60);
    public static final Duration LONGEST = Duration.ofHours(24);

    private final String text;
    private final long start;
    private final long end;

    private MaintenanceWindow(String text, long start, long end) {
        this.text = text;
        this.start = start;
        this.end = end;
    }

    /**
     * Parses {@code ddd:hh:mm-ddd:hh:mm} and checks ElastiCache's length rule (60 minutes to 24 hours); throws
     * IllegalArgumentException saying what was expected. A window that ends before it starts on the same day
     * wraps over the whole week, so it is refused as too long, with a hint that it may be reversed.
     */
    public static MaintenanceWindow parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("maintenance window '" + text
                    + "' is not ddd:hh:mm-ddd:hh:mm (UTC), e.g. sun:04:00-sun:06:00");
        }
        long s = secondOfWeek(m.group(1), m.group(2), m.group(3));
        long e = secondOfWeek(m.group(4), m.group(5), m.group(6));
        if (s == e) {
            throw new IllegalArgumentException("maintenance window '" + text + "' starts and ends at the same time"
                    + " (ElastiCache needs 60 minutes to 24 hours)");
        }
        MaintenanceWindow w = new MaintenanceWindow(text, s, e);
        if (w.length().compareTo(SHORTEST) < 0 || w.length().compareTo(LONGEST) > 0) {
            boolean reversed = Math.floorMod(s - e, WEEK) <= LONGEST.getSeconds();
            throw new IllegalArgumentException("maintenance window '" + text + "' lasts " + format(w.length())
                    + " (ElastiCache needs 60 minutes to 24 hours)"
                    + (reversed ? "; are start and end swapped?" : ""));
        }
        return w;
    }

    private static long secondOfWeek(String day, String hh, String mm) {
        return DAYS.indexOf(day) * 86_400L + Integer.parseInt(hh) * 3600L + Integer.parseInt(mm) * 60L;
    }

    private static long secondOfWeek(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        int day = z.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : z.getDayOfWeek().getValue();
        return day * 86_400L + z.toLocalTime().toSecondOfDay();
    }

    /** How long the window lasts. */
    public Duration length() {
        return Duration.ofSeconds(Math.floorMod(end - start, WEEK));
    }

    public boolean contains(Instant t) {
        return Math.floorMod(secondOfWeek(t) - start, WEEK) < length().getSeconds();
    }

    /** Time until the window closes when inside; zero outside. */
    public Duration timeLeft(Instant t) {
        return contains(t) ? Duration.ofSeconds(Math.floorMod(end - secondOfWeek(t), WEEK)) : Duration.ZERO;
    }

    /** The next instant strictly after {@code t}'s current opening at which the window opens. */
    public Instant nextOpening(Instant t) {
        long wait = Math.floorMod(start - secondOfWeek(t), WEEK);
        Instant base = t.minusNanos(t.getNano());
        return base.plusSeconds(wait == 0 ? WEEK : wait);
    }

    /** The opening at or after {@code t} (t itself when the window opens exactly then). */
    public Instant openingAtOrAfter(Instant t) {
        long wait = Math.floorMod(start - secondOfWeek(t), WEEK);
        return t.minusNanos(t.getNano()).plusSeconds(wait);
    }

    /** The start of the opening {@code t} is in, or the next opening when outside. */
    public Instant currentOrNextStart(Instant t) {
        if (!contains(t)) {
            return nextOpening(t);
        }
        return t.minusNanos(t.getNano()).minusSeconds(Math.floorMod(secondOfWeek(t) - start, WEEK));
    }

    /** When the window last closed at or before {@code t} (outside it: the end of its latest opening). */
    public Instant lastClose(Instant t) {
        return currentOrNextStart(t).minusSeconds(WEEK).plus(length());
    }

    /**
     * When ElastiCache starts a change queued for the window: in a minute if the window is open at {@code t},
     * else when it next opens.
     */
    public Instant nextApply(Instant t) {
        return contains(t) ? t.plusSeconds(60) : nextOpening(t);
    }

    /** One sentence: "inside sun:04:00-sun:06:00 (UTC), 1h30m left" or "outside ...; next opens 2026-...". */
    public String describe(Instant t) {
        if (contains(t)) {
            return "inside " + text + " (UTC), " + format(timeLeft(t)) + " left";
        }
        return "outside " + text + " (UTC); it next opens " + nextOpening(t) + " (in "
                + format(Duration.between(t, nextOpening(t))) + ")";
    }

    public static String format(Duration d) {
        long s = d.getSeconds();
        long days = s / 86_400;
        String hm = String.format("%dh%02dm", (s % 86_400) / 3600, (s % 3600) / 60);
        return days > 0 ? days + "d" + hm : hm;
    }

    @Override
    public String toString() {
        return text;
    }
}
