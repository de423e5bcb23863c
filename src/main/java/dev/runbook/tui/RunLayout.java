package dev.runbook.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.LayoutData;
import com.googlecode.lanterna.gui2.LayoutManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Places the four parts of the run screen from the terminal size alone, so any size works and a resize
 * simply lays them out again: the tree on the left (as wide as its longest row, at most two fifths), the step
 * on the right, the log under both (a quarter of the height, 5-12 rows), the status bar on the last row. Each
 * part is known by its {@link Part} (its layout data, as {@code BorderLayout} knows its locations), not by
 * the order it was added in; a part that is missing leaves its place empty.
 */
public final class RunLayout implements LayoutManager {
    /** The role of a component on the run screen: give it as the component's layout data. */
    public enum Part implements LayoutData { TREE, STEP, LOG, STATUS }

    @Override
    public TerminalSize getPreferredSize(List<Component> components) {
        return new TerminalSize(80, 24);
    }

    @Override
    public void doLayout(TerminalSize area, List<Component> components) {
        Map<Part, Component> parts = new EnumMap<>(Part.class);
        for (Component c : components) {
            if (c.getLayoutData() instanceof Part part) {
                parts.put(part, c);
            }
        }
        int cols = area.getColumns();
        int rows = area.getRows();
        Component tree = parts.get(Part.TREE);
        // as wide as the longest step id needs, but never more than two fifths of the screen
        int treeWidth = Math.min(cols * 2 / 5, Math.max(20, tree == null ? 0 : tree.getPreferredSize().getColumns()));
        int logHeight = Math.min(Math.max(0, rows - 4), clamp(rows / 4, 5, 12));
        int topHeight = Math.max(0, rows - 1 - logHeight);
        place(tree, 0, 0, treeWidth, topHeight);
        place(parts.get(Part.STEP), treeWidth, 0, cols - treeWidth, topHeight);
        place(parts.get(Part.LOG), 0, topHeight, cols, logHeight);
        place(parts.get(Part.STATUS), 0, Math.max(0, rows - 1), cols, Math.min(1, rows));
    }

    private static void place(Component c, int col, int row, int width, int height) {
        if (c == null) {
            return;
        }
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
