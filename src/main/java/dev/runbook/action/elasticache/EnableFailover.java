package dev.runbook.action.elasticache;

import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * Sets automatic failover and Multi-AZ to the environment's values (ModifyReplicationGroup, applied now) and
 * waits until the group is available; does nothing when they already are. Multi-AZ needs failover and a replica.
 */
public record EnableFailover(String group, boolean failover, boolean multiAz) implements Action {
    public static Action create(Params p) {
        var a = new EnableFailover(p.string("replication-group"), p.bool("automatic-failover", true),
                p.bool("multi-az", true));
        p.finish();
        if (a.multiAz && !a.failover) {
            throw p.invalid("multi-az", "Multi-AZ needs automatic-failover = true");
        }
        return a;
    }

    private ModifyReplicationGroupRequest request() {
        return ModifyReplicationGroupRequest.builder().replicationGroupId(group).automaticFailoverEnabled(failover)
                .multiAZEnabled(multiAz).applyImmediately(true).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Set automatic failover " + onOff(failover) + " and Multi-AZ " + onOff(multiAz) + " on "
                + group + " if needed, then wait until available", request().toString());
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
        if (s.automaticFailover() == failover && s.multiAz() == multiAz) {
            return Outcome.succeeded("Nothing to do: automatic failover is " + onOff(failover) + " and Multi-AZ "
                    + onOff(multiAz) + " on " + group).build();
        }
        if (failover && s.numCacheClusters() < 2) {
            throw new ActionException(group + " has " + s.numCacheClusters() + " node(s); automatic failover and"
                    + " Multi-AZ need a replica: run the add-replicas step first.");
        }
        var req = request();
        Modify.send(ctx, "change failover settings of " + group, group, req,
                () -> ctx.elastiCache().modifyReplicationGroup(req));
        GroupState after = Waiting.groupAvailable(ctx, group, ctx.settings().waits().upgradeTimeout(),
                x -> x.automaticFailover() == failover && x.multiAz() == multiAz);
        return Outcome.succeeded("Automatic failover " + after.group().automaticFailoverAsString() + ", Multi-AZ "
                        + after.group().multiAZAsString() + " on " + group)
                .fact("automatic-failover", after.group().automaticFailoverAsString())
                .fact("multi-az", after.group().multiAZAsString()).build();
    }

    /** SSM: read both settings, skip when they already match, else approval, Modify and wait for each to show. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        String wantFailover = failover ? "enabled" : "disabled";
        String wantMultiAz = multiAz ? "enabled" : "disabled";
        return SsmForm.of(
                ctx.awsApi("Read", "automatic failover and Multi-AZ now", "elasticache", "DescribeReplicationGroups", id,
                        SsmOutput.string("AutomaticFailover", "$.ReplicationGroups[0].AutomaticFailover"),
                        SsmOutput.string("MultiAZ", "$.ReplicationGroups[0].MultiAZ")),
                ctx.skipWhen("AlreadySet", "nothing to do when both already match",
                        SsmContext.all(SsmContext.when(ctx.output("Read", "AutomaticFailover"), "StringEquals", wantFailover),
                                SsmContext.when(ctx.output("Read", "MultiAZ"), "StringEquals", wantMultiAz))),
                ctx.approval("set automatic failover " + onOff(failover) + " and Multi-AZ " + onOff(multiAz)),
                ctx.awsApi("Modify", "ModifyReplicationGroup", "elasticache", "ModifyReplicationGroup",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "AutomaticFailoverEnabled", failover,
                                "MultiAZEnabled", multiAz, "ApplyImmediately", true)).changing(),
                ctx.waitFor("Failover", "automatic failover is " + wantFailover, ctx.waits().upgradeTimeout(),
                        "elasticache", "DescribeReplicationGroups", id, "$.ReplicationGroups[0].AutomaticFailover",
                        wantFailover),
                ctx.waitFor("MultiAz", "Multi-AZ is " + wantMultiAz, ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].MultiAZ", wantMultiAz),
                ctx.waitFor("Available", "available again", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Status", "available"));
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), group,
                g -> g.automaticFailover() == AutomaticFailoverStatus.ENABLED,
                "automatic failover is already on", "turning failover on"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.failoverEnabled();
    }
}
