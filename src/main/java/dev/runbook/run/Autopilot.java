package dev.runbook.run;

import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.List;
import java.util.Optional;

/**
 * Drives a run without a person ({@code --non-interactive}): every normal section in order; when a step
 * fails after something was changed, the rollback section (journaled as rollback-started; a resumed run that
 * was rolling back goes on there); otherwise it stops. A step the order rule refuses stops the run. A dry run
 * goes on after a failure to the end of the normal sections, and ends FAILED when any step failed. The confirmer it is given
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
        try {
            return driveSteps();
        } catch (ChangeRefused e) {
            run.aborted(e.getMessage());
            return Result.ABORTED;
        }
    }

    private Result driveSteps() throws InterruptedException {
        if (run.rollingBack()) {
            return rollBack();
        }
        boolean failures = false;
        for (Runbook.Entry entry : entries(Section.Kind.NORMAL)) {
            if (run.state(entry.key()).status().finished()) {
                continue;
            }
            Optional<OrderGate.Refusal> refused = refusedLive(entry);
            if (refused.isPresent()) {
                run.aborted(refused.get().line());
                return Result.ABORTED;
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
        if (changed && !failed.step().action().rollbackOnFailure()) {
            run.aborted(failed.key() + " failed; the group was changed as intended and is not rolled back: fix what"
                    + " the step names and run it again");
            return Result.FAILED;
        }
        if (!changed || entries(Section.Kind.ROLLBACK).isEmpty()) {
            run.aborted(failed.key() + " failed before anything was changed: nothing to roll back");
            return Result.FAILED;
        }
        run.rollbackStarted(failed.key(), failed.key() + " failed after the group was changed: rolling back");
        return rollBack();
    }

    /** Every rollback step not yet ended, in order (a resumed run goes on where its rollback stopped). */
    private Result rollBack() throws InterruptedException {
        for (Runbook.Entry entry : entries(Section.Kind.ROLLBACK)) {
            if (run.state(entry.key()).status().finished()) {
                continue;
            }
            Optional<OrderGate.Refusal> refused = refusedLive(entry);
            StepState s = refused.isPresent() ? run.state(entry.key()) : run.runStep(entry, confirmer);
            if (s.status() == StepStatus.FAILED || s.status() == StepStatus.PENDING) {
                run.aborted("rollback step " + entry.key() + " did not succeed"
                        + refused.map(r -> " (" + r.line() + ")").orElse("") + ": the group needs an operator");
                return Result.FAILED;
            }
        }
        return Result.ROLLED_BACK;
    }

    /** The order rule's refusal where it applies (not in a dry run, which only notes it on the outcome). */
    private Optional<OrderGate.Refusal> refusedLive(Runbook.Entry entry) {
        return run.backend().mode().canMutate() ? run.refusal(entry) : Optional.empty();
    }

    private List<Runbook.Entry> entries(Section.Kind kind) {
        return run.runbook().entries().stream().filter(e -> e.section().kind() == kind).toList();
    }
}
