package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Confirmation;
import dev.runbook.runbook.Confirm;
import java.util.List;

/**
 * Asks the operator to confirm one step, saying exactly what will change and on which group. A {@code yes}
 * step takes {@code y} or {@code n}/Esc; a {@code type-id} step takes the replication group id typed out and
 * Enter — a wrong id shows a message and the dialog stays open. Built by {@link ConfirmDialogBuilder}.
 */
public final class ConfirmDialog extends DecisionDialog<Confirmation> {
    private final ConfirmRequest request;
    private final String operator;
    private final TextBox typed;
    private final Label message;

    ConfirmDialog(ConfirmRequest request, String operator, List<String> body, int width) {
        super("Confirm " + request.entry().key());
        this.request = request;
        this.operator = operator;
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(new Label(String.join("\n", body)));
        message = new Label("");
        if (request.kind() == Confirm.TYPE_ID) {
            typed = new TextBox(new TerminalSize(Math.min(width, Math.max(20, request.target().length() + 2)), 1));
            panel.addComponent(typed);
        } else {
            typed = null;
        }
        panel.addComponent(message);
        setComponent(panel);
        if (typed != null) {
            setFocusedInteractable(typed);
        }
    }

    /** What the message line says now (a wrong id), for tests and the screen. */
    public String message() {
        return message.getText();
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            decide(Confirmation.declined(operator));
            return true;
        }
        if (typed == null) {
            if (key.getKeyType() == KeyType.Character) {
                char c = Character.toLowerCase(key.getCharacter());
                if (c == 'y') {
                    decide(new Confirmation(true, operator, "y"));
                } else if (c == 'n') {
                    decide(Confirmation.declined(operator));
                }
            }
            return true;
        }
        if (key.getKeyType() == KeyType.Enter) {
            String text = typed.getText();
            if (request.accepts(text)) {
                decide(new Confirmation(true, operator, "typed id"));
            } else {
                message.setText("'" + text.trim() + "' is not " + request.target()
                        + ": type the group id exactly, or Esc to cancel");
                typed.setText("");
            }
            return true;
        }
        return defaultKey(key);
    }
}
