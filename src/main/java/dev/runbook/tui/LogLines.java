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
    private final Deque<String> lines = new ArrayDeque<>();

    public void add(String line) {
        for (String part : line.split("\n")) {
            lines.addLast(part);
        }
        while (lines.size() > KEEP) {
            lines.removeFirst();
        }
    }

    public List<Line> lines() {
        List<Line> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(l.contains(" ✗ ") || l.contains(" ! ") ? Line.warning(l) : Line.of(l));
        }
        return out;
    }

    public List<String> texts() {
        return List.copyOf(lines);
    }
}
