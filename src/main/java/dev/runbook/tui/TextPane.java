package dev.runbook.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A pane of lines that scrolls: the step view (from the top) and the log (following its end until the
 * operator scrolls up). Its content is asked for at the width it is drawn at, so wrapping follows resizes.
 * GUI thread only.
 */
public final class TextPane extends AbstractComponent<TextPane> {
    private final IntFunction<List<Line>> content;
    private final boolean followEnd;
    private int top;
    private boolean following;
    private int lastHeight = 1;

    public TextPane(IntFunction<List<Line>> content, boolean followEnd) {
        this.content = content;
        this.followEnd = followEnd;
        this.following = followEnd;
    }

    /** Scrolls by {@code lines} (negative = up); scrolling to the end of a following pane follows again. */
    public void scrollBy(int lines) {
        int size = content.apply(widthOrDefault()).size();
        int max = Math.max(0, size - lastHeight);
        int from = following ? max : top;
        top = Math.max(0, Math.min(max, from + lines));
        following = followEnd && top >= max;
        invalidate();
    }

    public void page(int direction) {
        scrollBy(direction * Math.max(1, lastHeight - 1));
    }

    /** Back to the start (the step view when another step is selected). */
    public void reset() {
        top = 0;
        following = followEnd;
        invalidate();
    }

    private int widthOrDefault() {
        return getSize() == null || getSize().getColumns() == 0 ? 40 : getSize().getColumns();
    }

    @Override
    protected ComponentRenderer<TextPane> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(TextPane pane) {
                return new TerminalSize(20, 3);
            }

            @Override
            public void drawComponent(TextGUIGraphics g, TextPane pane) {
                int width = g.getSize().getColumns();
                int height = g.getSize().getRows();
                lastHeight = Math.max(1, height);
                List<Line> lines = content.apply(width);
                int max = Math.max(0, lines.size() - height);
                int first = following ? max : Math.min(top, max);
                g.fill(' ');
                for (int row = 0; row < height && first + row < lines.size(); row++) {
                    Line line = lines.get(first + row);
                    Draw.line(g, row, line, width);
                }
                if (first + height < lines.size() && width > 2) {
                    g.disableModifiers(SGR.BOLD, SGR.REVERSE);
                    g.putString(width - 1, height - 1, "▼");
                }
                if (first > 0 && width > 2) {
                    g.putString(width - 1, 0, "▲");
                }
            }
        };
    }
}
