package dev.runbook.run;

import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.List;

/**
 * Drives a run without a person ({@code --non-interactive}): every normal section in order; when a step
 * fails after something was changed, the rollback section; otherwise it stops. A dry run goes on after a
 * failure to the end of the normal sections, and ends FAILED when any step failed. The confirmer it is given
 * decides what is answered (only rehearsal and dry-run may answer themselves).
 */
public final class Autopilot {
    /** How a driven run ended. */
    public enum Result { COMPLETED, FAILED, ROLLED_BACK, ABORTED }

    private final Run run;
    private final Confirmer confirmer;

    public Autopilot(Run run, Confirmer confirmer) {
        this.run = run;
        this.confirmer = confirmer;
    }

    public Result drive() throws InterruptedException {
        boolean failures = false;
        for (Runbook.Entry entry : entries(Section.Kind.NORMAL)) {
            if (run.state(entry.key()).status().finished()) {
                continue;
            }
            StepState s = run.runStep(entry, confirmer);
            if (s.status() == StepStatus.PENDING) {
                run.aborted(entry.key() + " was not confirmed");
                return Result.ABORTED;
            }
            if (s.status() == StepStatus.FAILED && run.goesOnAfterFailure()) {
                // a dry run is the pre-flight: every step runs or is shown, and the summary lists every problem
                failures = true;
            } else if (s.status() == StepStatus.FAILED) {
                return afterFailure(entry);
            }
        }
        return failures ? Result.FAILED : Result.COMPLETED;
    }

    private Result afterFailure(Runbook.Entry failed) throws InterruptedException {
        boolean changed = run.history().stream().anyMatch(s -> s.status() == StepStatus.DONE
                && s.entry().step().action().mutates());
        List<Runbook.Entry> rollback = entries(Section.Kind.ROLLBACK);
        if (!changed || rollback.isEmpty()) {
            run.aborted(failed.key() + " failed before anything was changed: nothing to roll back");
            return Result.FAILED;
        }
        run.journal().append(JournalEvent.of(java.time.Instant.now().toString(), run.info().id(), failed.key(),
                "rollback-started", failed.key() + " failed after the group was changed: rolling back"));
        for (Runbook.Entry entry : rollback) {
            StepState s = run.runStep(entry, confirmer);
            if (s.status() == StepStatus.FAILED || s.status() == StepStatus.PENDING) {
                run.aborted("rollback step " + entry.key() + " did not succeed: the group needs an operator");
                return Result.FAILED;
            }
        }
        return Result.ROLLED_BACK;
    }

    private List<Runbook.Entry> entries(Section.Kind kind) {
        return run.runbook().entries().stream().filter(e -> e.section().kind() == kind).toList();
    }
}
