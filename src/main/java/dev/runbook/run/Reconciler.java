package dev.runbook.run;

import dev.runbook.action.Reconciliation;
import dev.runbook.runbook.Runbook;

/**
 * Finds out, after a crash, whether a mutating step that started but never ended took effect, before
 * anything is repeated. {@code resume} asks it once per interrupted mutating step.
 */
@FunctionalInterface
public interface Reconciler {
    Reconciliation reconcile(Runbook.Entry entry, JournalReplay.StepRecord interrupted, Run run)
            throws InterruptedException;
}
