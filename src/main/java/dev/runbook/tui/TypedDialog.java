package dev.runbook.tui;

import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * A dialog answered by typing into a box and Enter, with a message line that says why a typed answer was not
 * taken (the dialog then stays open); Esc cancels. The typed-id confirmation, the drift and budget dialogs and the
 * reason questions are these: one place for what Esc, Enter and the other keys do while typing.
 */
abstract class TypedDialog<T> extends DecisionDialog<T> {
    /** Where the answer is typed; null in a dialog that, as it stands, takes single keys instead. */
    protected final TextBox box;
    /** The line under the box: empty until an answer is refused. */
    protected final Label message = new Label("");

    protected TypedDialog(String title, TextBox box) {
        super(title);
        this.box = box;
    }

    /** What the message line says now (a refused answer), for tests and the screen. */
    public String message() {
        return message.getText();
    }

    /** The decision Esc gives. */
    protected abstract T cancelled();

    /** Enter with {@code text} typed: {@link #decide} the answer, or say in {@link #message} why not. */
    protected abstract void entered(String text);

    /** Esc cancels, Enter hands the box's text to {@link #entered}, every other key edits the box. */
    @Override
    protected boolean handleKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            decide(cancelled());
        } else if (key.getKeyType() == KeyType.Enter) {
            entered(box.getText());
        } else {
            return defaultKey(key);
        }
        return true;
    }

    /** The typed word is taken when {@code accepted}; else the message says {@code why} and the box empties for another try. */
    protected final void takeOrRetry(boolean accepted, T answer, String why) {
        if (accepted) {
            decide(answer);
        } else {
            message.setText(why);
            box.setText("");
        }
    }

    /** The dialog's parts one under the other. */
    static Panel column(Component... parts) {
        Panel panel = new Panel(new LinearLayout());
        for (Component part : parts) {
            panel.addComponent(part);
        }
        return panel;
    }
}
