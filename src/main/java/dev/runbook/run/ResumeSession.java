package dev.runbook.run;

import dev.runbook.action.Reconciliation;
import dev.runbook.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts a fresh {@link Run} (same id, same folder, the journal reopened for appending) back where the old
 * process stopped: finished steps are restored from the journal, and every mutating step that started but
 * never ended is reconciled with AWS before anything is repeated (a read-only step caught mid-flight simply
 * runs again): "no mutating action runs twice because of a crash". Then it drives the rest with the
 * confirmer. When an operator must look first (an interruption that could not be reconciled, a rollback under way) it drives
 * nothing and records why.
 */
public final class ResumeSession {
    /** What resume found: one line per decision, and whether an operator must look before going on. */
    public record Result(List<String> findings, boolean needsOperator) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    private static Result restore(Run run, JournalReplay old, Reconciler reconciler) throws InterruptedException {
        List<String> findings = new ArrayList<>(old.problems());
        boolean needsOperator = false;
        run.resumed("resuming run " + old.runId() + " after its last event at " + old.lastTs()
                + (old.problems().isEmpty() ? "" : "; " + old.problems().size()
                + " unreadable journal line(s) skipped: " + String.join("; ", old.problems())));
        for (JournalReplay.StepRecord rec : old.steps()) {
            Optional<Runbook.Entry> entry = run.runbook().entry(rec.key());
            if (entry.isEmpty()) {
                findings.add(rec.key() + " is in the journal but not in the runbook any more: ignored");
                continue;
            }
            StepStatus status = rec.status();
            if (status == StepStatus.RUNNING) {
                if (!entry.get().step().action().mutates()) {
                    findings.add(rec.key() + " (read-only) was interrupted: it runs again");
                    continue;
                }
                Reconciliation f = reconciler.reconcile(entry.get(), rec, run);
                run.reconciled(entry.get(), f.resolution().word(), f.summary(), f.facts());
                findings.add(rec.key() + " was interrupted: " + f.summary());
                needsOperator |= f.resolution() == Reconciliation.Resolution.UNKNOWN;
            } else if (status != StepStatus.PENDING) {
                run.restore(rec.toState(entry.get()));
            }
        }
        for (JournalReplay.StepRecord rec : old.steps()) {
            if (rec.status() == StepStatus.DONE) {
                run.runbook().entry(rec.key()).ifPresent(run::takeUp);
            }
        }
        if (old.rolledBack()) {
            run.rollingBackAlready();
            findings.add("the run was rolling back when it stopped: it goes on in the rollback section");
        }
        return new Result(findings, needsOperator);
    }

    private final Run run;
    private final Reconciler reconciler;

    public ResumeSession(Run run, Reconciler reconciler) {
        this.run = run;
        this.reconciler = reconciler;
    }

    /** Reads the journal the run appends to (before appending anything) and restores from it. */
    public Result restore() throws InterruptedException {
        JournalReplay old = JournalReplay.of(Journal.read(run.journal().file()));
        return restore(run, old, reconciler);
    }

    /** Restores, then drives the remaining steps; ends the run in the journal either way. */
    public Autopilot.Result resumeAndDrive(Confirmer confirmer) throws InterruptedException {
        Result found = restore();
        if (found.needsOperator()) {
            run.aborted("resume needs an operator: " + String.join("; ", found.findings()));
            run.ended("aborted on resume");
            return Autopilot.Result.ABORTED;
        }
        Autopilot.Result result = new Autopilot(run, confirmer).drive();
        run.ended(result.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        return result;
    }
}
