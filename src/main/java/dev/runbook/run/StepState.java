package dev.runbook.run;

import dev.runbook.action.Outcome;
import dev.runbook.runbook.Runbook;
import java.time.Instant;

/**
 * The state of one step in a run: status, the outcome when it ended, timing, and the confirmation given.
 * Immutable; the run replaces it as the step moves on.
 */
public record StepState(Runbook.Entry entry, StepStatus status, Outcome outcome, Instant started, Instant ended,
                        String confirmation, String reason) {

    public static StepState pending(Runbook.Entry entry) {
        return new StepState(entry, StepStatus.PENDING, null, null, null, null, null);
    }

    /** Does not apply to the environment, and why. */
    public static StepState notApplicable(Runbook.Entry entry, String reason) {
        return new StepState(entry, StepStatus.NOT_APPLICABLE, null, null, null, null, reason);
    }

    /** Started at {@code started}, confirmed by {@code confirmedBy} (null when it needed no confirmation). */
    public static StepState running(Runbook.Entry entry, Instant started, String confirmedBy) {
        return new StepState(entry, StepStatus.RUNNING, null, started, null, confirmedBy, null);
    }

    /** Ended with {@code outcome}. */
    public static StepState ended(Runbook.Entry entry, StepStatus status, Outcome outcome, Instant started,
                                  Instant ended, String confirmedBy) {
        return new StepState(entry, status, outcome, started, ended, confirmedBy, null);
    }

    /** Skipped by the operator at {@code at}, for {@code reason}. */
    public static StepState skipped(Runbook.Entry entry, Outcome outcome, Instant at, String reason) {
        return new StepState(entry, StepStatus.SKIPPED, outcome, at, at, null, reason);
    }

    public StepState with(StepStatus newStatus) {
        return new StepState(entry, newStatus, outcome, started, ended, confirmation, reason);
    }

    public String key() {
        return entry.key();
    }

    /** The log's line for this state: {@code ✓ precheck/describe-group done: summary}. */
    public String line() {
        String summary = outcome != null ? ": " + outcome.summary() : reason != null ? ": " + reason : "";
        return status.mark() + " " + key() + " " + status.word() + summary;
    }
}
