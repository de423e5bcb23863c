package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * Asks why (skip a step, abort the run): the reason typed and Enter, recorded in the journal and report; an
 * empty reason is refused with a message; Esc cancels (decision: the empty string).
 */
public final class ReasonDialog extends DecisionDialog<String> {
    private final TextBox reason;
    private final Label message = new Label("");

    public ReasonDialog(String title, String question, int width) {
        super(title);
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(new Label(String.join("\n", Wrap.words(width, question))));
        reason = new TextBox(new TerminalSize(width, 1));
        panel.addComponent(reason);
        panel.addComponent(new Label("Enter = record it    Esc = cancel"));
        panel.addComponent(message);
        setComponent(panel);
        setFocusedInteractable(reason);
    }

    public String message() {
        return message.getText();
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            decide("");
            return true;
        }
        if (key.getKeyType() == KeyType.Enter) {
            if (reason.getText().isBlank()) {
                message.setText("a reason is required (it goes into the report)");
            } else {
                decide(reason.getText().trim());
            }
            return true;
        }
        return defaultKey(key);
    }
}
