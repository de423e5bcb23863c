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
 *
 * <p>On a terminal smaller than the dialog needs ({@link #minimum()}) the request or the keys would be cut off,
 * so the dialog shows only that the terminal is too small and the size it needs, and takes nothing but
 * {@code n} / Esc (not now) until the terminal is resized.
 */
public final class ConfirmDialog extends DecisionDialog<Confirmation> {
    private final ConfirmRequest request;
    private final String operator;
    private final TextBox typed;
    private final Label message;
    private final TerminalSize minimum;
    private final Panel full;
    private final Label tooSmall = new Label("");
    private boolean small;

    ConfirmDialog(ConfirmRequest request, String operator, List<String> body, int width, TerminalSize minimum) {
        super("Confirm " + request.entry().key());
        this.request = request;
        this.operator = operator;
        this.minimum = minimum;
        Panel panel = new Panel(new LinearLayout());
        this.full = panel;
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

    /** The smallest terminal that shows the whole dialog. */
    public TerminalSize minimum() {
        return minimum;
    }

    /** True while the terminal is too small to show the request and the keys: {@code y} is not taken. */
    public boolean tooSmall() {
        if (getTextGUI() == null) {
            return false;
        }
        TerminalSize now = getTextGUI().getScreen().getTerminalSize();
        return now.getColumns() < minimum.getColumns() || now.getRows() < minimum.getRows();
    }

    /** Laid out before every draw: the place to follow a resize, either way. */
    @Override
    public TerminalSize getPreferredSize() {
        boolean nowSmall = tooSmall();
        if (nowSmall) {
            TerminalSize now = getTextGUI().getScreen().getTerminalSize();
            tooSmall.setText(String.join("\n", Wrap.words(Math.max(8, now.getColumns() - 4),
                    "Terminal too small: needs " + minimum.getColumns() + "x" + minimum.getRows() + " (now "
                            + now.getColumns() + "x" + now.getRows() + "). Resize it; n/Esc = not now")));
        }
        if (nowSmall != small) {
            small = nowSmall;
            setComponent(small ? tooSmall : full);
            if (!small && typed != null) {
                setFocusedInteractable(typed);
            }
        }
        return super.getPreferredSize();
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
        if (tooSmall()) {
            // what y would send cannot be read on this screen: only "not now" is taken until it is resized
            if (key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'n') {
                decide(Confirmation.declined(operator));
            }
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
