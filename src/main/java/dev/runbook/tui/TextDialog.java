package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** Shows text to read (help, the report so far): ↑↓ PgUp PgDn scroll; Esc, Enter or q close it. */
public final class TextDialog extends DecisionDialog<Boolean> {
    private final TextPane pane;

    public TextDialog(String title, List<Line> lines, TerminalSize size) {
        super(title);
        pane = new TextPane(width -> lines, false);
        pane.setPreferredSize(size);
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(pane);
        panel.addComponent(new Label("↑↓ PgUp PgDn scroll · Esc / Enter / q close"));
        setComponent(panel);
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case Escape, Enter -> decide(true);
            case ArrowUp -> pane.scrollBy(-1);
            case ArrowDown -> pane.scrollBy(1);
            case PageUp -> pane.page(-1);
            case PageDown -> pane.page(1);
            case Character -> {
                if (key.getCharacter() == 'q') {
                    decide(true);
                }
            }
            default -> {
            }
        }
        return true;
    }
}
