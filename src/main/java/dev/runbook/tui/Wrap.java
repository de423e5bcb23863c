package dev.runbook.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;

/** Wrapping text to a width in terminal columns, where a Korean character takes two. */
final class Wrap {
    private Wrap() {
    }

    /** Prose, broken at spaces. */
    static List<String> words(int width, String text) {
        return TerminalTextUtils.getWordWrappedText(width, text);
    }

    /** Machine text (an SDK request) cut at the width, not at words: it has few spaces and every character counts. */
    static List<String> chars(int width, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cw = TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
            if (used + cw > width) {
                out.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(c);
            used += cw;
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
