package dev.runbook.action.elasticache;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;

/**
 * Fails when the group or any member has a pending modification (a queued scale-up, a version, a TLS change):
 * ModifyReplicationGroup is refused or combined with it, so the operator must see it first.
 */
public record CheckPendingModifications(String group) implements Action {
    public static Action create(Params p) {
        return new CheckPendingModifications(p.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Look for pending changes on " + group + " and its members",
                DescribeReplicationGroupsRequest.builder().replicationGroupId(group).build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
        List<String> pending = s.pending();
        Outcome.Builder b = pending.isEmpty()
                ? Outcome.succeeded("Nothing is pending on " + group + " or its " + s.members().size() + " member(s)")
                : Outcome.failed("Pending on " + group + ": " + String.join("; ", pending)
                        + ". Let it apply (or cancel it) before the upgrade, then retry.");
        return b.fact("pending", pending.isEmpty() ? "none" : String.join("; ", pending)).build();
    }

    /** SSM: pending changes of the group and every member: a script, since members are known only at run time. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.of(ctx.script("Nothing", "nothing is pending on the group or a member", "group.py",
                "nothing_pending", SsmStep.inputs("ReplicationGroupId", ctx.group())));
    }
}
