package dev.runbook.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import java.util.function.Supplier;

/**
 * The bottom line: mode badge (reverse video, and {@code !! LIVE PROD !!} on a live prod run), environment,
 * elapsed time, maintenance window, keys. Its text comes from a {@link StatusLine} asked for at each draw.
 */
public final class StatusBar extends AbstractComponent<StatusBar> {
    private final Supplier<StatusLine> status;

    public StatusBar(Supplier<StatusLine> status) {
        this.status = status;
    }

    @Override
    protected ComponentRenderer<StatusBar> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(StatusBar bar) {
                return new TerminalSize(40, 1);
            }

            @Override
            public void drawComponent(TextGUIGraphics g, StatusBar bar) {
                StatusLine s = status.get();
                int width = g.getSize().getColumns();
                g.fill(' ');
                g.enableModifiers(SGR.REVERSE);
                if (s.alarming()) {
                    g.enableModifiers(SGR.BOLD, SGR.BLINK);
                }
                String badge = TerminalTextUtils.fitString(s.badge(), width);
                g.putString(0, 0, badge);
                g.disableModifiers(SGR.REVERSE, SGR.BOLD, SGR.BLINK);
                int used = TerminalTextUtils.getColumnWidth(badge);
                if (used < width) {
                    g.putString(used, 0, TerminalTextUtils.fitString(s.rest(width - used), width - used));
                }
            }
        };
    }
}
