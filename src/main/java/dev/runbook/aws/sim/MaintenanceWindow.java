package dev.runbook.aws.sim;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** A weekly window "sun:05:00-sun:07:00" (UTC), as ElastiCache writes it: when it next opens after a moment. */
public final class MaintenanceWindow {
    private MaintenanceWindow() {
    }

    /** The first opening of {@code window} at or after {@code after}. */
    public static Instant nextStart(String window, Instant after) {
        String start = window.split("-")[0];
        String[] p = start.split(":");
        DayOfWeek day = day(p[0]);
        LocalTime time = LocalTime.of(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        ZonedDateTime candidate = from.with(TemporalAdjusters.nextOrSame(day)).with(time);
        if (candidate.isBefore(from)) {
            candidate = candidate.plusWeeks(1);
        }
        return candidate.toInstant();
    }

    /**
     * When ElastiCache starts a change queued for the window: in a minute if the window is open at {@code now},
     * else when it next opens.
     */
    public static Instant nextApply(String window, Instant now) {
        Instant opening = nextStart(window, now.minus(length(window)).plusSeconds(1));
        return opening.isAfter(now) ? opening : now.plusSeconds(60);
    }

    /** The length of the window. */
    public static Duration length(String window) {
        String[] ends = window.split("-");
        Instant monday = Instant.parse("2024-01-01T00:00:00Z"); // a Monday
        Instant open = nextStart(ends[0] + "-x", monday);
        Instant close = nextStart(ends[1] + "-x", open);
        return Duration.between(open, close);
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(abbreviation.toUpperCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + abbreviation);
    }
}
