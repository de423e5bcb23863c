package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;
import dev.runbook.run.Confirmation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A stop the operator passes only by typing the word it names and Enter (the drift and time-budget dialogs): a head
 * that says what is stopped, a middle cut to the screen, a tail that names the word; Esc refuses, a wrong word shows
 * a message and the dialog stays open.
 */
abstract class WordDialog extends TypedDialog<Confirmation> {
    private final String word;
    private final Predicate<String> accepts;
    private final String operator;
    private final String escape;
    protected final int width;
    private final int maxLines;

    /** {@code escape}: what the refusal message says Esc does ("or Esc", "or Esc to stop"). */
    WordDialog(String title, String word, Predicate<String> accepts, String operator, String escape, int columns,
               int rows) {
        super(title, new TextBox(new TerminalSize(Math.max(12, word.length() + 4), 1)));
        this.word = word;
        this.accepts = accepts;
        this.operator = operator;
        this.escape = escape;
        this.width = Math.max(30, Math.min(90, columns - 8));
        this.maxLines = Math.max(6, rows - 9);
    }

    /** Lays the dialog out: {@code head}, as much of {@code middle} as fits (else {@code overflow}), the tail line. */
    protected final void show(List<String> head, List<String> middle, String overflow, String tail) {
        List<String> end = new ArrayList<>();
        ConfirmDialogBuilder.wrap(end, width, tail);
        List<String> body = new ArrayList<>(head);
        body.addAll(ConfirmDialogBuilder.fit(middle, maxLines - head.size() - end.size(), overflow));
        body.addAll(end);
        setComponent(column(new Label(String.join("\n", body)), box, message));
        setFocusedInteractable(box);
    }

    @Override
    protected Confirmation cancelled() {
        return Confirmation.declined(operator);
    }

    @Override
    protected void entered(String text) {
        takeOrRetry(accepts.test(text), new Confirmation(true, operator, "typed " + word),
                "'" + text.trim() + "' is not " + word + ": type " + word + " exactly, " + escape);
    }
}
