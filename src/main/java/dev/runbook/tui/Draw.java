package dev.runbook.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/** Drawing one styled line, cut to the width in terminal columns (a Korean character takes two). */
final class Draw {
    private Draw() {
    }

    static void line(TextGUIGraphics g, int row, Line line, int width) {
        g.disableModifiers(SGR.BOLD, SGR.REVERSE);
        if (line.style() == Line.Style.HEADING) {
            g.enableModifiers(SGR.BOLD);
        } else if (line.style() == Line.Style.WARNING) {
            g.enableModifiers(SGR.REVERSE);
        }
        g.putString(0, row, TerminalTextUtils.fitString(line.text(), width));
        g.disableModifiers(SGR.BOLD, SGR.REVERSE);
    }
}
