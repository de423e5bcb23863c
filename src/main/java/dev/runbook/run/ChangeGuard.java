package dev.runbook.run;

import dev.runbook.runbook.Runbook;

/**
 * Asked by the run around the steps that change something, apart from the step path itself: before a change
 * is sent (it may refuse it), before a dry run shows one as would-run (it may only read and report), and as
 * the run ends (before run-ended is journaled). The lease on the group ({@link LeaseKeeper}) is one.
 */
public interface ChangeGuard {
    /** Before {@code entry}'s change is sent; throws to refuse it (the step stays pending, nothing is sent). */
    void beforeChange(Runbook.Entry entry) throws ChangeRefused;

    /** Before a dry run records {@code entry} as would-run: reads and reports only. */
    default void beforeWouldRun(Runbook.Entry entry) {
    }

    /** The run ends (finished, aborted or quit). */
    default void runEnding() {
    }

    /** Refuses nothing (tests that build a Run by hand; runs without a group to lease). */
    ChangeGuard NONE = entry -> {
    };
}
