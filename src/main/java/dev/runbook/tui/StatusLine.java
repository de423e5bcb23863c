package dev.runbook.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.runbook.action.Mode;
import java.time.Duration;
import java.util.Locale;

/**
 * What the status bar says, apart from drawing it: the mode badge (a live run on prod reads
 * {@code !! LIVE PROD !!} and is drawn in reverse video), the environment and group, elapsed time, the
 * maintenance window, and the keys that work right now.
 */
public record StatusLine(Mode mode, String environment, String group, Duration elapsed, String window,
                         String budget, String keys, String shortKeys) {

    /** Without a time budget to show (a runbook without an engine change). */
    public StatusLine(Mode mode, String environment, String group, Duration elapsed, String window, String keys,
                      String shortKeys) {
        this(mode, environment, group, elapsed, window, "", keys, shortKeys);
    }

    /** True when the badge must be unmistakable: live, on production. */
    public boolean alarming() {
        return mode == Mode.LIVE && environment.toLowerCase(Locale.ROOT).startsWith("prod");
    }

    public String badge() {
        return alarming() ? "!! LIVE PROD !!" : "[" + mode.label() + "]";
    }

    /**
     * The text after the badge, fitted by dropping the least useful parts first when the bar is narrow; the time
     * budget (and the point of no return) goes only after the window. Widths are terminal columns (Korean: two).
     */
    public String rest(int width) {
        String time = "elapsed " + clock(elapsed);
        String b = budget.isEmpty() ? "" : budget + " │ ";
        String[] candidates = {
            " " + environment + " " + group + " │ " + time + " │ " + window + " │ " + b + keys,
            " " + environment + " │ " + time + " │ " + window + " │ " + b + keys,
            " " + environment + " │ " + clock(elapsed) + " │ " + window + " │ " + b + keys,
            " " + environment + " │ " + clock(elapsed) + " │ " + window + " │ " + b + shortKeys,
            " " + environment + " │ " + clock(elapsed) + " │ " + b + shortKeys,
            " " + environment + " │ " + clock(elapsed) + " │ " + shortKeys,
            " " + shortKeys,
        };
        for (String c : candidates) {
            if (TerminalTextUtils.getColumnWidth(c) <= width) {
                return c;
            }
        }
        return wholeWords(candidates[candidates.length - 1], width);
    }

    /**
     * The longest run of whole words that fits, never ending on a key without its word: cutting "q quit" to
     * "q q" would offer a key that reads as nonsense.
     */
    static String wholeWords(String text, int width) {
        String[] words = text.strip().split(" ");
        StringBuilder b = new StringBuilder();
        int kept = 0;
        for (String w : words) {
            if (TerminalTextUtils.getColumnWidth(b.toString()) + 1 + TerminalTextUtils.getColumnWidth(w) > width) {
                break;
            }
            b.append(' ').append(w);
            kept++;
        }
        if (kept > 0 && kept < words.length && isKey(words[kept - 1]) && !isKey(words[kept])) {
            b.setLength(b.length() - words[kept - 1].length() - 1);   // a key whose word did not fit
        }
        return b.toString();
    }

    private static boolean isKey(String word) {
        return word.codePointCount(0, word.length()) <= 2;
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
