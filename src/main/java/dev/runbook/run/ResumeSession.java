package dev.runbook.run;

/**
 * The logic of {@code resume}: given a Run already built for the old run's id and folder (its journal reopened
 * for appending), restore and reconcile from the old journal, then drive the rest with the confirmer. When an
 * operator must look first (an interruption that could not be reconciled, a rollback under way) it drives
 * nothing and records why.
 */
public final class ResumeSession {
    private final Run run;
    private final Reconciler reconciler;

    public ResumeSession(Run run, Reconciler reconciler) {
        this.run = run;
        this.reconciler = reconciler;
    }

    /** Reads the journal the run appends to (before appending anything) and restores from it. */
    public Resume.Result restore() throws InterruptedException {
        JournalReplay old = JournalReplay.of(Journal.read(run.journal().file()));
        return Resume.restore(run, old, reconciler);
    }

    /** Restores, then drives the remaining steps; ends the run in the journal either way. */
    public Autopilot.Result resumeAndDrive(Confirmer confirmer) throws InterruptedException {
        Resume.Result found = restore();
        if (found.needsOperator()) {
            run.aborted("resume needs an operator: " + String.join("; ", found.findings()));
            run.ended("aborted on resume");
            return Autopilot.Result.ABORTED;
        }
        Autopilot.Result result = new Autopilot(run, confirmer).drive();
        run.ended(result.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return result;
    }
}
