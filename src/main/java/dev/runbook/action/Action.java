package dev.runbook.action;

/**
 * The operation behind one runbook step. Built from the step's parameters when the runbook loads; receives
 * its clients through the {@link ActionContext} when it runs, never building them itself.
 */
public interface Action {
    /** What it will do, with the exact (redacted) request it would send. Side-effect free; needs no network. */
    Preview preview(ActionContext ctx);

    /** True when it changes something: it needs a confirmation, and dry-run shows it instead of running it. */
    boolean mutates();

    /**
     * Does the work, reporting progress through {@code ctx.progress()}. Waits honour their timeout and stop
     * when the thread is interrupted (cancel).
     */
    Outcome execute(ActionContext ctx) throws ActionException, InterruptedException;

    /**
     * One of this action's preview requests as the drift guard compares it between a dry run and a later run:
     * parts that differ by design (a name made from the time of the run) replaced by a placeholder. The request
     * itself by default.
     */
    default String stableRequest(String request) {
        return request;
    }

    /**
     * What this run must hold before this action may be sent, on top of the runbook's order (e.g. the engine
     * change needs this run's verified manual snapshot). Empty for most actions.
     */
    default java.util.List<Precondition> preconditions() {
        return java.util.List.of();
    }

    /** The facts it records when it succeeds that other actions' preconditions may name (e.g. "snapshot-name"). */
    default java.util.Set<String> records() {
        return java.util.Set.of();
    }

    /**
     * Called once when a run is resumed in a new process, for each step of this action that ended in an earlier
     * one: an action whose work outlives its step (the downtime probe, started by one step and stopped by a later
     * one) takes it up again here. Nothing by default. A failure is told to the operator; the run goes on.
     */
    default void resumed(ActionContext ctx) throws ActionException {
    }

    /**
     * The step as Systems Manager Automation steps ({@code export-ssm}), or why it has none. The default says it
     * has none, so an action that never thought about SSM is listed by the export, never silently dropped.
     */
    default dev.runbook.action.ssm.SsmForm ssm(dev.runbook.action.ssm.SsmContext ctx) {
        return dev.runbook.action.ssm.SsmForm.notExportable("this action has no SSM Automation form");
    }
}
