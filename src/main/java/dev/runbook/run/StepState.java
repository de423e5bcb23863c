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
