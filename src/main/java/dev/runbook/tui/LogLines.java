package dev.runbook.tui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the log pane holds: the last lines of progress, AWS events and step changes (bounded, so a long
 * wait cannot grow memory without end; the whole log is in runbook.log). GUI thread only.
 */
public final class LogLines {
    static final int KEEP = 2000;
    private static final String INDENT = "      ";
    private final Deque<String> lines = new ArrayDeque<>();

    public void add(String line) {
        for (String part : line.split("\n")) {
            lines.addLast(part);
        }
        while (lines.size() > KEEP) {
            lines.removeFirst();
        }
    }

    /** The lines wrapped to {@code width}, continuations indented past the time stamp; failures stand out. */
    public List<Line> lines(int width) {
        List<Line> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            boolean warning = l.contains(" ✗ ") || l.contains(" ! ");
            List<String> parts = Wrap.words(Math.max(10, width - INDENT.length()), l);
            for (int i = 0; i < parts.size(); i++) {
                String text = i == 0 ? parts.get(i) : INDENT + parts.get(i);
                out.add(warning ? Line.warning(text) : Line.of(text));
            }
        }
        return out;
    }
}
