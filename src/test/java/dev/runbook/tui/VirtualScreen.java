package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A headless terminal for screen tests, read back as text: a wide (Korean) character is one char over two columns. */
final class VirtualScreen {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;

    VirtualScreen(int columns, int rows) {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as text, trailing blanks removed. */
    List<String> rows() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = terminal.getCharacter(c, r);
                char x = ch == null ? ' ' : ch.getCharacter();
                b.append(x);
                if (TerminalTextUtils.isCharDoubleWidth(x)) {
                    c++;
                }
            }
            rows.add(b.toString().stripTrailing());
        }
        return rows;
    }

    String text() {
        return String.join("\n", rows());
    }

    /** The terminal column a string starts at on a row, counting wide characters as two; -1 when absent. */
    int columnOf(int row, String needle) {
        String line = rows().get(row);
        int i = line.indexOf(needle);
        return i < 0 ? -1 : TerminalTextUtils.getColumnWidth(line.substring(0, i));
    }
}
