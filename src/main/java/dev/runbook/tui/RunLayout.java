package dev.runbook.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.LayoutManager;
import java.util.List;

/**
 * Places the four parts of the run screen from the terminal size alone, so any size works and a resize
 * simply lays them out again: the tree on the left (as wide as its longest row, at most two fifths), the step on the right, the log
 * under both (a quarter of the height, 5-12 rows), the status bar on the last row. Children in that order.
 */
public final class RunLayout implements LayoutManager {
    @Override
    public TerminalSize getPreferredSize(List<Component> components) {
        return new TerminalSize(80, 24);
    }

    @Override
    public void doLayout(TerminalSize area, List<Component> components) {
        int cols = area.getColumns();
        int rows = area.getRows();
        // as wide as the longest step id needs, but never more than two fifths of the screen
        int treeWidth = Math.min(cols * 2 / 5, Math.max(20, components.get(0).getPreferredSize().getColumns()));
        int logHeight = Math.min(Math.max(0, rows - 4), clamp(rows / 4, 5, 12));
        int topHeight = Math.max(0, rows - 1 - logHeight);
        place(components.get(0), 0, 0, treeWidth, topHeight);
        place(components.get(1), treeWidth, 0, cols - treeWidth, topHeight);
        place(components.get(2), 0, topHeight, cols, logHeight);
        place(components.get(3), 0, Math.max(0, rows - 1), cols, Math.min(1, rows));
    }

    private static void place(Component c, int col, int row, int width, int height) {
        c.setPosition(new TerminalPosition(col, row));
        c.setSize(new TerminalSize(Math.max(0, width), Math.max(0, height)));
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    @Override
    public boolean hasChanged() {
        return false;
    }
}
