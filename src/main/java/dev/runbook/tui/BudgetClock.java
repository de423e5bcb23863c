package dev.runbook.tui;

import dev.runbook.run.Run;
import dev.runbook.run.StepStatus;
import dev.runbook.run.TimeBudget;
import dev.runbook.runbook.Runbook;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The time budget as the status bar shows it, counting down: before the point of no return, what the window leaves
 * once the rest is done ({@code budget 43m left}, or {@code budget 12m short!} when it cannot hold it); after it,
 * that the way back is now a snapshot restore ({@code ⚑ past no return}). The arithmetic is {@link TimeBudget}'s; this only words
 * it for a narrow bar.
 */
final class BudgetClock {
    /** The mark of the point of no return, in the tree and the status bar. */
    static final String MARK = "⚑";

    private final Run run;
    private final Optional<Runbook.Entry> pointOfNoReturn;
    /** What the rest needs: read from the runs folder's journals off the GUI thread; null until then. */
    private volatile TimeBudget.Estimate estimate;

    /** {@code background} reads the estimate (every earlier run's journal) so the first draw does not wait for it. */
    BudgetClock(Run run, Executor background) {
        this.run = run;
        this.pointOfNoReturn = run.budget().pointOfNoReturn();
        if (pointOfNoReturn.isPresent()) {
            background.execute(() -> {
                run.startedAt();
                estimate = run.budgetEstimate();
            });
        }
    }

    /** The step after which the way back is a snapshot restore into a new group, if the runbook has one here. */
    Optional<Runbook.Entry> pointOfNoReturn() {
        return pointOfNoReturn;
    }

    /** True once the engine change was sent (or is being sent). */
    boolean past() {
        return pointOfNoReturn.map(e -> run.state(e.key()).status()).filter(s -> s != StepStatus.PENDING
                && s != StepStatus.NOT_APPLICABLE && s != StepStatus.SKIPPED).isPresent();
    }

    /**
     * "budget 43m left", "budget 12m short!", "⚑ past no return", "budget …" while the earlier runs are still being
     * read, or "" (no engine change, or nothing bounds it).
     */
    String describe(Instant now) {
        if (pointOfNoReturn.isEmpty()) {
            return "";
        }
        if (past()) {
            return MARK + " past no return";
        }
        TimeBudget.Estimate needs = estimate;
        if (needs == null) {
            return "budget …";
        }
        TimeBudget.Verdict v = run.budget().verdict(needs, now, run.startedAt());
        if (v.kind() == TimeBudget.Kind.UNBOUNDED) {
            return "";
        }
        Duration spare = v.left().minus(v.estimate().total());
        return spare.isNegative() ? "budget " + WindowClock.span(spare.negated()) + " short!"
                : "budget " + WindowClock.span(spare) + " left";
    }
}
