package dev.runbook.tui;

import dev.runbook.run.DriftRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a live step that differs from the dry run the run is held to, and shows the difference field by field.
 * The step goes on only when the operator types the word the dialog names and Enter (journaled with the
 * difference); Esc stops it, nothing sent. A wrong word shows a message and the dialog stays open.
 */
public final class DriftDialog extends WordDialog {
    DriftDialog(DriftRequest request, String operator, int columns, int rows) {
        super("Drift since the dry run: " + request.entry().key(), request.word(), request::accepts, operator,
                "or Esc to stop", columns, rows);
        List<String> head = new ArrayList<>();
        ConfirmDialogBuilder.wrap(head, width, request.mode().label() + " on " + request.environment() + " ("
                + request.target() + "): " + request.entry().step().title());
        ConfirmDialogBuilder.wrap(head, width, "Differs from dry run " + request.dryRun() + " (" + request.age()
                + " old):");
        List<String> diff = new ArrayList<>();
        for (String d : request.differences()) {
            diff.addAll(Wrap.chars(width, "≠ " + d));
        }
        show(head, diff, "… (every difference is in the log and the journal)", "Type " + request.word()
                + " and Enter to send it anyway (journaled with the difference); Esc = stop here and rehearse again");
    }
}
