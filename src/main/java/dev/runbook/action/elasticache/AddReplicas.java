package dev.runbook.action.elasticache;

import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.util.Optional;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.time.Duration;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * Adds read replicas until the group has the target number of nodes (IncreaseReplicaCount, applied now) and
 * waits until it is available again; does nothing when the group already has enough nodes.
 */
public record AddReplicas(String group, int numCacheClusters) implements Action {
    public static Action create(Params p) {
        return new AddReplicas(p.string("replication-group"), p.integer("num-cache-clusters", 1, 6, 1));
    }

    private IncreaseReplicaCountRequest request() {
        return IncreaseReplicaCountRequest.builder().replicationGroupId(group).newReplicaCount(numCacheClusters - 1)
                .applyImmediately(true).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Grow " + group + " to " + numCacheClusters + " node(s) (" + (numCacheClusters - 1)
                + " replica(s)) if it has fewer, then wait until available", request().toString());
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        int now = GroupState.describeGroup(AwsClients.elastiCache(ctx), group).memberClusters().size();
        if (now >= numCacheClusters) {
            return Outcome.succeeded("Nothing to do: " + group + " already has " + now + " node(s), target "
                    + numCacheClusters).fact("num-cache-clusters", now).build();
        }
        var req = request();
        Modify.send(ctx, "add replicas to " + group, group, req, () -> ctx.elastiCache().increaseReplicaCount(req));
        GroupState after = Waiting.groupAvailable(ctx, group, ctx.settings().waits().upgradeTimeout(),
                s -> s.numCacheClusters() >= numCacheClusters);
        return Outcome.succeeded(group + " grew from " + now + " to " + after.numCacheClusters() + " node(s)")
                .fact("num-cache-clusters", after.numCacheClusters()).build();
    }

    /** SSM: count the nodes, skip when enough, else approval, IncreaseReplicaCount and the waits. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        return SsmForm.of(
                ctx.script("Count", "how many nodes the group has", "group.py", "node_count", id,
                        SsmOutput.of("NodeCount", "$.Payload.NodeCount", "Integer")),
                ctx.skipWhen("Enough", "nothing to do with " + numCacheClusters + " node(s) already",
                        SsmContext.when(ctx.output("Count", "NodeCount"), "NumericGreaterOrEquals", numCacheClusters)),
                ctx.approval("grow to " + numCacheClusters + " node(s) (" + (numCacheClusters - 1) + " replica(s))"),
                ctx.awsApi("Increase", "IncreaseReplicaCount", "elasticache", "IncreaseReplicaCount",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "NewReplicaCount", numCacheClusters - 1,
                                "ApplyImmediately", true)).changing(),
                ctx.waitFor("Modifying", "the change started", Duration.ofMinutes(5), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Status", "modifying"),
                ctx.waitFor("Available", "available again", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Status", "available"),
                ctx.script("Grown", "the group has " + numCacheClusters + " node(s)", "group.py", "node_count",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "AtLeast", numCacheClusters)));
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), group,
                g -> g.memberClusters().size() >= numCacheClusters,
                "the group already has " + numCacheClusters + " nodes", "adding replicas"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.replicasAdded();
    }
}
