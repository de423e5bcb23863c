package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.OrderedMaps;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * {@code elasticache.delete-rollback-group}: DeleteReplicationGroup of the {@code <group>-rollback} group a rollback
 * restored the pre-migration snapshot into (RetainPrimaryCluster=false, no final snapshot: the pre-migration
 * snapshot it came from is the same data), then waits until AWS no longer knows it. Only ever that id: the
 * parameter must be the group's id plus {@code -rollback}, checked when the runbook loads. Idempotent: no such
 * group is "nothing to delete", one already {@code deleting} is waited for.
 */
public record DeleteRollbackGroup(String group, String rollbackGroup) implements Action {
    static final Duration POLL = Duration.ofSeconds(15);

    public static Action create(Params p) {
        String group = p.string("replication-group");
        String rollback = p.string("rollback-group");
        if (!rollback.equals(group + "-rollback")) {
            throw p.invalid("rollback-group", "'" + rollback + "' is not " + group + "-rollback: this step deletes only"
                    + " the group a rollback created");
        }
        return new DeleteRollbackGroup(group, rollback);
    }

    DeleteReplicationGroupRequest request() {
        return DeleteReplicationGroupRequest.builder().replicationGroupId(rollbackGroup).retainPrimaryCluster(false)
                .build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        String seen = ctx.fact("leftover-group").map(g -> "none".equals(g) ? " (the inventory found none: nothing"
                + " would be sent)" : " (the inventory found it)").orElse(" if it exists");
        return Preview.of("Delete the rollback group " + rollbackGroup + seen + ", then wait until it is gone; "
                + group + " itself is never touched", request().toString())
                .withWarning("Deleting a group deletes its data: clients still pointed at " + rollbackGroup
                        + " lose it. The pre-migration snapshot is deleted by a later step, after its grace period.");
    }

    /** On prod the operator types the rollback group's id: the name of what is deleted, not of the group kept. */
    @Override
    public String confirmTarget(PreviewContext ctx) {
        return rollbackGroup;
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        var ec = AwsClients.elastiCache(ctx);
        Optional<ReplicationGroup> g = GroupEvidence.describe(ec, rollbackGroup);
        if (g.isEmpty()) {
            return Outcome.succeeded("Nothing to delete: there is no " + rollbackGroup + " (no rollback created one)")
                    .fact("deleted-group", "none").build();
        }
        if (!"deleting".equals(g.get().status())) {
            var req = request();
            Modify.send(ctx, "delete " + rollbackGroup, rollbackGroup, req,
                    () -> ec.deleteReplicationGroup(req));
        }
        Waiting.until(ctx, rollbackGroup + " deleted", ctx.settings().waits().restoreTimeout(), POLL, () ->
                GroupEvidence.describe(ec, rollbackGroup).map(r -> Waiting.Look.<Boolean>pending(r.status()))
                        .orElse(Waiting.Look.done("gone", true)));
        return Outcome.succeeded("Deleted " + rollbackGroup + " (" + g.get().engine() + ", "
                        + g.get().memberClusters().size() + " node(s) " + g.get().cacheNodeType() + "); " + group
                        + " was not touched").fact("deleted-group", rollbackGroup).build();
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        Optional<ReplicationGroup> g = GroupEvidence.describe(ctx.elastiCache(), rollbackGroup);
        String status = g.map(ReplicationGroup::status).orElse("not found");
        var facts = OrderedMaps.of("group-status", status);
        if (g.isEmpty() || "deleting".equals(status)) {
            return Optional.of(Reconciliation.done(rollbackGroup + " is " + status + ": the delete was sent, not sent"
                    + " again" + (g.isEmpty() ? "" : "; the step waits until it is gone"), facts));
        }
        return Optional.of(Reconciliation.pending(rollbackGroup + " is " + status + ": the delete was not sent, and may"
                + " run", facts));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.groupDeleted(rollbackGroup);
    }
}
