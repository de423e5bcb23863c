package dev.runbook.tui;

import dev.runbook.config.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The maintenance window as the status bar shows it: time left while inside, time until it opens otherwise.
 * The week maths is {@link MaintenanceWindow}'s; this only words it for a narrow bar. Parsed once per run.
 */
public final class WindowClock {
    private final String text;
    private final MaintenanceWindow window;

    public WindowClock(String window) {
        this.text = window;
        this.window = parse(window);
    }

    private static MaintenanceWindow parse(String text) {
        try {
            return MaintenanceWindow.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // the settings validated it; shown as written if it still cannot be read
        }
    }

    /** "window 1h12m left", "window opens in 2d03h", or "window ?" when it cannot be read. */
    public String describe(Instant now) {
        if (window == null) {
            return "window " + text + "?";
        }
        if (window.contains(now)) {
            return "window " + span(window.timeLeft(now)) + " left";
        }
        return "window opens in " + span(Duration.between(now, window.nextOpening(now)));
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
