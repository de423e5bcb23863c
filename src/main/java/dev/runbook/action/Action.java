package dev.runbook.action;

import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operation behind one runbook step. Built from the step's parameters when the runbook loads; receives
 * its clients through the {@link ActionContext} when it runs, never building them itself.
 */
public interface Action {
    /** What it will do, with the exact (redacted) request it would send. Side-effect free; needs no network. */
    Preview preview(PreviewContext ctx);

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
    default List<Precondition> preconditions() {
        return List.of();
    }

    /** The facts it records when it succeeds that other actions' preconditions may name (e.g. "snapshot-name"). */
    default Set<String> records() {
        return Set.of();
    }

    /**
     * What this step measures for the completion report, as a kind the report reads its facts by (never by the
     * step's id, which a runbook may name as it likes): {@link ReportKind}. Empty for steps no report section reads.
     */
    default Optional<String> reportKind() {
        return Optional.empty();
    }

    /**
     * After a crash, for a mutating step that started but never ended: whether its change took effect, judged from
     * {@code step} (its journaled start and facts), this action's own parameters and what AWS shows now — read-only
     * calls only. Empty (the default) when this action cannot tell: resume then stops for an operator.
     */
    default Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step)
            throws ActionException, InterruptedException {
        return Optional.empty();
    }

    /**
     * A rehearsal resumed after a crash: what its new simulation must hold because this step was sent (it started in
     * the old process, whose simulation died with it). Decision: a mutation that started is taken as sent, the state a
     * real crash most often leaves, which makes resume prove it does not send it twice. Nothing by default.
     */
    default void reseed(Reseed seed, Reconciliation.Interrupted step) {
    }

    /**
     * Called once when a run is resumed in a new process, for each step of this action that ended in an earlier
     * one: an action whose work outlives its step (the downtime probe, started by one step and stopped by a later
     * one) takes it up again here. Nothing by default. A failure is told to the operator; the run goes on.
     */
    default void resumed(ActionContext ctx) throws ActionException {
    }

    /**
     * The id an operator types to confirm this step ({@code confirm = type-id}): the resource it changes. The
     * environment's group by default; a step that deletes another resource (the rollback group) names that one, so
     * the word typed is the name of what goes.
     */
    default String confirmTarget(PreviewContext ctx) {
        return ctx.environment().replicationGroupId();
    }

    /**
     * Whether a failure of this step after the group was changed calls for the rollback section (the
     * non-interactive autopilot's rule). True by default; false for checks whose failure says something else
     * is wrong (the Terraform code), where rolling the group back would do harm: the run stops there instead.
     */
    default boolean rollbackOnFailure() {
        return true;
    }

    /**
     * The step as Systems Manager Automation steps ({@code export-ssm}), or why it has none. The default says it
     * has none, so an action that never thought about SSM is listed by the export, never silently dropped.
     */
    default SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("this action has no SSM Automation form");
    }
}
