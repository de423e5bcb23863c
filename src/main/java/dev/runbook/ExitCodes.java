package dev.runbook;

/** Named process exit codes; the README's table lists the same. */
public final class ExitCodes {
    /** The command did what was asked (a run reached its end). */
    public static final int OK = 0;
    /** A run stopped at a failed step, or was aborted. */
    public static final int STEP_FAILED = 1;
    /** Bad input: a settings or runbook file, a flag, an unknown environment, an AWS error before any step. */
    public static final int INVALID_INPUT = 2;
    /** analyze-plan: the plan is readable but must not be applied. */
    public static final int PLAN_BLOCKED = 3;

    private ExitCodes() {
    }
}
