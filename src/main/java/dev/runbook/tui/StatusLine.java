package dev.runbook.tui;

import dev.runbook.action.Mode;
import java.time.Duration;
import java.util.Locale;

/**
 * What the status bar says, apart from drawing it: the mode badge (a live run on prod reads
 * {@code !! LIVE PROD !!} and is drawn in reverse video), the environment and group, elapsed time, the
 * maintenance window, and the keys that work right now.
 */
public record StatusLine(Mode mode, String environment, String group, Duration elapsed, String window,
                         String keys, String shortKeys) {

    /** True when the badge must be unmistakable: live, on production. */
    public boolean alarming() {
        return mode == Mode.LIVE && environment.toLowerCase(Locale.ROOT).startsWith("prod");
    }

    public String badge() {
        return alarming() ? "!! LIVE PROD !!" : "[" + mode.label() + "]";
    }

    /** The text after the badge, fitted by dropping the least useful parts first when the bar is narrow. */
    public String rest(int width) {
        String time = "elapsed " + clock(elapsed);
        String[] candidates = {
            " " + environment + " " + group + " │ " + time + " │ " + window + " │ " + keys,
            " " + environment + " │ " + time + " │ " + window + " │ " + keys,
            " " + environment + " │ " + clock(elapsed) + " │ " + window + " │ " + keys,
            " " + environment + " │ " + clock(elapsed) + " │ " + window + " │ " + shortKeys,
            " " + environment + " │ " + clock(elapsed) + " │ " + shortKeys,
            " " + shortKeys,
        };
        for (String c : candidates) {
            if (c.length() <= width) {
                return c;
            }
        }
        return candidates[candidates.length - 1];
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
