package dev.runbook.run;

import dev.runbook.action.ActionException;
import dev.runbook.action.Reconciliation;
import dev.runbook.runbook.Runbook;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reconciles an interrupted mutating step by asking its action ({@link dev.runbook.action.Action#reconcile}), which
 * reads the group through the run's clients: live AWS, or the rehearsal's simulation re-seeded from the journal.
 * An action that cannot tell, and any failure to read AWS, leave the step unknown: resume stops for an operator.
 */
public final class ActionReconciler implements Reconciler {
    @Override
    public Reconciliation reconcile(Runbook.Entry entry, JournalReplay.StepRecord interrupted, Run run)
            throws InterruptedException {
        try {
            return entry.step().action().reconcile(run.context(), interrupted.asInterrupted())
                    .orElseGet(() -> Reconciliation.unknown(entry.step().actionName() + " was interrupted and this "
                            + "tool cannot tell whether it took effect: check by hand, then skip or run it again",
                            Map.of()));
        } catch (SdkException e) {
            return Reconciliation.unknown("could not read the group to reconcile " + entry.key() + " ("
                    + e.getClass().getSimpleName() + "): check it by hand before going on", Map.of());
        } catch (ActionException e) {
            return Reconciliation.unknown("could not reconcile " + entry.key() + ": " + e.getMessage()
                    + ": check it by hand before going on", Map.of());
        }
    }
}
