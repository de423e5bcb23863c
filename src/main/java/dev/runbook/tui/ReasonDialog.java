package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;

/**
 * Asks why (skip a step, abort the run): the reason typed and Enter, recorded in the journal and report; an
 * empty reason is refused with a message; Esc cancels (decision: the empty string).
 */
public final class ReasonDialog extends TypedDialog<String> {

    public ReasonDialog(String title, String question, int width) {
        super(title, new TextBox(new TerminalSize(width, 1)));
        setComponent(column(new Label(String.join("\n", Wrap.words(width, question))), box,
                new Label("Enter = record it    Esc = cancel"), message));
        setFocusedInteractable(box);
    }

    @Override
    protected String cancelled() {
        return "";
    }

    @Override
    protected void entered(String text) {
        if (text.isBlank()) {
            message.setText("a reason is required (it goes into the report)");
        } else {
            decide(text.trim());
        }
    }
}
