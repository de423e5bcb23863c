package dev.runbook.action.terraform;

import dev.runbook.config.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * When a weekly ElastiCache maintenance window ({@code sun:05:00-sun:07:00}, UTC) is open or next opens:
 * what a plan with {@code apply_immediately = false} waits for, computed by {@link MaintenanceWindow}; a value
 * that does not parse yields "unknown" rather than a failure.
 */
record WindowOpening(Instant start, Instant end, boolean openNow) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** The window that contains {@code now}, or else the next one; empty when {@code spec} is not a window. */
    static Optional<WindowOpening> of(String spec, Instant now) {
        MaintenanceWindow w;
        try {
            w = MaintenanceWindow.parse(spec == null ? "" : spec);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Instant start = w.currentOrNextStart(now);
        return Optional.of(new WindowOpening(start, start.plus(w.length()), w.contains(now)));
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
}
