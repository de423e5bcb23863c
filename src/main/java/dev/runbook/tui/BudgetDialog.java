package dev.runbook.tui;

import dev.runbook.run.BudgetRequest;
import dev.runbook.run.TimeBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops the engine change when the maintenance window cannot hold the rest (시간 예산 부족): the numbers, part by
 * part, and the point of no return it would pass. The change goes on only when the operator types the word the dialog
 * names and Enter (journaled with the numbers); Esc refuses it, nothing sent. A wrong word shows a message and the
 * dialog stays open.
 */
public final class BudgetDialog extends WordDialog {
    private final BudgetRequest request;

    BudgetDialog(BudgetRequest request, String operator, int columns, int rows) {
        super("Time budget · 시간 예산: " + request.entry().key(), request.word(), request::accepts, operator, "or Esc",
                columns, rows);
        this.request = request;
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
        show(head, parts, "… (every part is in the log and the journal)", "Type " + request.word()
                + " and Enter to send it anyway (journaled with these numbers); Esc = do not send it");
    }

    /** What the dialog was opened for. */
    public BudgetRequest request() {
        return request;
    }
}
