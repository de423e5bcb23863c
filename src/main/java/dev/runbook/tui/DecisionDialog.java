package dev.runbook.tui;

import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.dialogs.DialogWindow;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A modal dialog that ends with a decision of type {@code T}. The decision is exposed ({@link #decision()})
 * rather than only returned from a blocking call, so tests drive it with keys and then read it; the owner
 * hears about it through {@link #onDecision}, on the GUI thread, after the dialog closed. Lanterna 3.1's
 * buttons have no accelerators, so each dialog handles its own keys.
 */
public abstract class DecisionDialog<T> extends DialogWindow {
    private T decision;
    private Consumer<T> listener = d -> { };

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
