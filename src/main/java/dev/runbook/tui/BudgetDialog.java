package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.TextBox;
import dev.runbook.run.BudgetRequest;
import dev.runbook.run.Confirmation;
import dev.runbook.run.TimeBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops the engine change when the maintenance window cannot hold the rest (시간 예산 부족): the numbers, part by
 * part, and the point of no return it would pass. The change goes on only when the operator types the word the dialog
 * names and Enter (journaled with the numbers); Esc refuses it, nothing sent. A wrong word shows a message and the
 * dialog stays open.
 */
public final class BudgetDialog extends TypedDialog<Confirmation> {
    private final BudgetRequest request;
    private final String operator;

    BudgetDialog(BudgetRequest request, String operator, int columns, int rows) {
        super("Time budget · 시간 예산: " + request.entry().key(),
                new TextBox(new TerminalSize(Math.max(12, request.word().length() + 4), 1)));
        this.request = request;
        this.operator = operator;
        int width = Math.max(30, Math.min(90, columns - 8));
        int maxLines = Math.max(6, rows - 9);
        TimeBudget.Verdict v = request.verdict();
        List<String> head = new ArrayList<>();
        ConfirmDialogBuilder.wrap(head, width, "✗ REFUSED, nothing sent: " + v.numbers() + ".");
        ConfirmDialogBuilder.wrap(head, width, request.mode().label() + " on " + request.environment() + " ("
                + request.target() + "): " + request.entry().step().title() + " is the point of no return (복구 불가"
                + " 지점): after it the way back is a snapshot restore into a new group.");
        List<String> parts = new ArrayList<>();
        for (TimeBudget.Need n : v.estimate().needs()) {
            parts.addAll(Wrap.words(width, "  " + n.part().word() + " " + WindowClock.span(n.duration()) + " ("
                    + n.source() + ")"));
        }
        parts.addAll(Wrap.words(width, "  window " + v.window() + " closes " + v.deadline() + "; the change starts "
                + v.appliesAt()));
        List<String> tail = new ArrayList<>();
        ConfirmDialogBuilder.wrap(tail, width, "Type " + request.word() + " and Enter to send it anyway (journaled"
                + " with these numbers); Esc = do not send it");
        parts = ConfirmDialogBuilder.fit(parts, maxLines - head.size() - tail.size(),
                "… (every part is in the log and the journal)");
        List<String> body = new ArrayList<>(head);
        body.addAll(parts);
        body.addAll(tail);
        setComponent(column(new Label(String.join("\n", body)), box, message));
        setFocusedInteractable(box);
    }

    /** What the dialog was opened for. */
    public BudgetRequest request() {
        return request;
    }

    @Override
    protected Confirmation cancelled() {
        return Confirmation.declined(operator);
    }

    @Override
    protected void entered(String text) {
        takeOrRetry(request.accepts(text), new Confirmation(true, operator, "typed " + request.word()),
                "'" + text.trim() + "' is not " + request.word() + ": type " + request.word() + " exactly, or Esc");
    }
}
