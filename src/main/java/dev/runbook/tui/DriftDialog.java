package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.run.Confirmation;
import dev.runbook.run.DriftRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a live step that differs from the dry run the run is held to, and shows the difference field by field.
 * The step goes on only when the operator types the word the dialog names and Enter (journaled with the
 * difference); Esc stops it, nothing sent. A wrong word shows a message and the dialog stays open.
 */
public final class DriftDialog extends DecisionDialog<Confirmation> {
    private final DriftRequest request;
    private final String operator;
    private final TextBox typed;
    private final Label message = new Label("");

    DriftDialog(DriftRequest request, String operator, int columns, int rows) {
        super("Drift since the dry run: " + request.entry().key());
        this.request = request;
        this.operator = operator;
        int width = Math.max(30, Math.min(90, columns - 8));
        int maxLines = Math.max(6, rows - 9);
        List<String> head = new ArrayList<>();
        ConfirmDialogBuilder.wrap(head, width, request.mode().label() + " on " + request.environment() + " ("
                + request.target() + "): " + request.entry().step().title());
        ConfirmDialogBuilder.wrap(head, width, "Differs from dry run " + request.dryRun() + " (" + request.age()
                + " old):");
        List<String> tail = new ArrayList<>();
        ConfirmDialogBuilder.wrap(tail, width, "Type " + request.word() + " and Enter to send it anyway (journaled"
                + " with the difference); Esc = stop here and rehearse again");
        List<String> diff = new ArrayList<>();
        for (String d : request.differences()) {
            diff.addAll(Wrap.chars(width, "≠ " + d));
        }
        diff = ConfirmDialogBuilder.fit(diff, maxLines - head.size() - tail.size(),
                "… (every difference is in the log and the journal)");
        List<String> body = new ArrayList<>(head);
        body.addAll(diff);
        body.addAll(tail);
        typed = new TextBox(new TerminalSize(Math.max(12, request.word().length() + 4), 1));
        Panel panel = new Panel(new LinearLayout());
        panel.addComponent(new Label(String.join("\n", body)));
        panel.addComponent(typed);
        panel.addComponent(message);
        setComponent(panel);
        setFocusedInteractable(typed);
    }

    /** What the message line says now (a wrong word), for tests and the screen. */
    public String message() {
        return message.getText();
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            decide(Confirmation.declined(operator));
            return true;
        }
        if (key.getKeyType() == KeyType.Enter) {
            String text = typed.getText();
            if (request.accepts(text)) {
                decide(new Confirmation(true, operator, "typed " + request.word()));
            } else {
                message.setText("'" + text.trim() + "' is not " + request.word() + ": type " + request.word()
                        + " exactly, or Esc to stop");
                typed.setText("");
            }
            return true;
        }
        return defaultKey(key);
    }
}
