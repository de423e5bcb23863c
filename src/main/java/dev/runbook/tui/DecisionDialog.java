package dev.runbook.tui;

import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.dialogs.DialogWindow;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A modal dialog that ends with a decision of type {@code T}. The decision is exposed ({@link #decision()})
 * rather than only returned from a blocking call, so tests drive it with keys and then read it; the owner
 * hears about it through {@link #onDecision}, on the GUI thread, after the dialog closed. Lanterna 3.1's
 * buttons have no accelerators, so each dialog handles its own keys ({@link #handleKey}). Ctrl-C in any dialog
 * goes to its owner's interrupt (the quit question), before the dialog's own keys see it.
 */
public abstract class DecisionDialog<T> extends DialogWindow {
    private T decision;
    private Consumer<T> listener = d -> { };
    private Runnable interrupt = () -> { };

    protected DecisionDialog(String title) {
        super(title);
        setHints(List.of(Window.Hint.MODAL, Window.Hint.CENTERED));
    }

    /** The answer once given; empty while the dialog is open. */
    public Optional<T> decision() {
        return Optional.ofNullable(decision);
    }

    public DecisionDialog<T> onDecision(Consumer<T> listener) {
        this.listener = listener;
        return this;
    }

    /** What Ctrl-C does while this dialog is open (the run screen: ask whether to quit). */
    public DecisionDialog<T> onInterrupt(Runnable interrupt) {
        this.interrupt = interrupt;
        return this;
    }

    /** True for Ctrl-C, which Lanterna delivers as a key (the terminal is in raw mode). */
    static boolean isCtrlC(KeyStroke key) {
        return key.getCharacter() != null && (key.getCharacter() == 'c' || key.getCharacter() == 'C')
                && key.isCtrlDown() && !key.isAltDown();
    }

    @Override
    public final boolean handleInput(KeyStroke key) {
        if (isCtrlC(key)) {
            interrupt.run();
            return true;
        }
        return handleKey(key);
    }

    /** The dialog's own keys. */
    protected abstract boolean handleKey(KeyStroke key);

    /** Lanterna's handling (focus, typing into a text box) for keys a dialog does not take itself. */
    protected boolean defaultKey(KeyStroke key) {
        return super.handleInput(key);
    }

    /** Records the answer, closes the dialog and tells the owner. */
    protected void decide(T answer) {
        if (decision != null) {
            return;
        }
        decision = answer;
        close();
        listener.accept(answer);
    }
}
