package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;
import dev.runbook.run.Confirmation;
import dev.runbook.run.DriftRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a live step that differs from the dry run the run is held to, and shows the difference field by field.
 * The step goes on only when the operator types the word the dialog names and Enter (journaled with the
 * difference); Esc stops it, nothing sent. A wrong word shows a message and the dialog stays open.
 */
public final class DriftDialog extends TypedDialog<Confirmation> {
    private final DriftRequest request;
    private final String operator;

    DriftDialog(DriftRequest request, String operator, int columns, int rows) {
        super("Drift since the dry run: " + request.entry().key(),
                new TextBox(new TerminalSize(Math.max(12, request.word().length() + 4), 1)));
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
        setComponent(column(new Label(String.join("\n", body)), box, message));
        setFocusedInteractable(box);
    }

    @Override
    protected Confirmation cancelled() {
        return Confirmation.declined(operator);
    }

    @Override
    protected void entered(String text) {
        takeOrRetry(request.accepts(text), new Confirmation(true, operator, "typed " + request.word()),
                "'" + text.trim() + "' is not " + request.word() + ": type " + request.word() + " exactly, or Esc to stop");
    }
}
