package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
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
public final class ConfirmDialog extends TypedDialog<Confirmation> {
    private final ConfirmRequest request;
    private final String operator;
    private final TerminalSize minimum;
    private final Panel full;
    private final Label tooSmall = new Label("");
    private boolean small;

    ConfirmDialog(ConfirmRequest request, String operator, List<String> body, int width, TerminalSize minimum) {
        super("Confirm " + request.entry().key(), request.kind() == Confirm.TYPE_ID
                ? new TextBox(new TerminalSize(Math.min(width, Math.max(20, request.target().length() + 2)), 1)) : null);
        this.request = request;
        this.operator = operator;
        this.minimum = minimum;
        Label text = new Label(String.join("\n", body));
        this.full = box == null ? column(text, message) : column(text, box, message);
        setComponent(full);
        if (box != null) {
            setFocusedInteractable(box);
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
            if (!small && box != null) {
                setFocusedInteractable(box);
            }
        }
        return super.getPreferredSize();
    }

    @Override
    protected Confirmation cancelled() {
        return Confirmation.declined(operator);
    }

    @Override
    protected void entered(String text) {
        takeOrRetry(request.accepts(text), new Confirmation(true, operator, "typed id"),
                "'" + text.trim() + "' is not " + request.target() + ": type the group id exactly, or Esc to cancel");
    }

    @Override
    protected boolean handleKey(KeyStroke key) {
        boolean tooSmall = tooSmall();
        if (box != null && !tooSmall) {
            return super.handleKey(key);
        }
        // too small: what y would send cannot be read on this screen, so only "not now" is taken until it is resized
        RunKey.yesOrNo(key).filter(yes -> !yes || !tooSmall)
                .ifPresent(yes -> decide(yes ? new Confirmation(true, operator, "y") : cancelled()));
        return true;
    }
}
