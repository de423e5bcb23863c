package dev.runbook.action.elasticache;

import dev.runbook.aws.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;

/**
 * Adds read replicas until the group has the target number of nodes (IncreaseReplicaCount, applied now) and
 * waits until it is available again; does nothing when the group already has enough nodes.
 */
public final class AddReplicas implements Action {
    private final String group;
    private final int numCacheClusters;

    public AddReplicas(String group, int numCacheClusters) {
        this.group = group;
        this.numCacheClusters = numCacheClusters;
    }

    public static Action create(Params p) {
        var a = new AddReplicas(p.string("replication-group"), p.integer("num-cache-clusters", 1, 6, 1));
        p.finish();
        return a;
    }

    private IncreaseReplicaCountRequest request() {
        return IncreaseReplicaCountRequest.builder().replicationGroupId(group).newReplicaCount(numCacheClusters - 1)
                .applyImmediately(true).build();
    }

    @Override
    public Preview preview(ActionContext ctx) {
        return Preview.of("Grow " + group + " to " + numCacheClusters + " node(s) (" + (numCacheClusters - 1)
                + " replica(s)) if it has fewer, then wait until available", request().toString());
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        List<String> ids = new ArrayList<>();
        int now = GroupState.describeGroup(AwsClients.elastiCache(ctx), group, ids).memberClusters().size();
        if (now >= numCacheClusters) {
            return Outcome.succeeded("Nothing to do: " + group + " already has " + now + " node(s), target "
                    + numCacheClusters).fact("num-cache-clusters", now).requestIds(ids).build();
        }
        var req = request();
        Modify.send(ctx, "add replicas to " + group, group, req, ids, () -> ctx.elastiCache().increaseReplicaCount(req));
        GroupState after = Waiting.groupAvailable(ctx, group, ctx.settings().waits().upgradeTimeout(), ids,
                s -> s.numCacheClusters() >= numCacheClusters);
        return Outcome.succeeded(group + " grew from " + now + " to " + after.numCacheClusters() + " node(s)")
                .fact("num-cache-clusters", after.numCacheClusters()).requestIds(ids).build();
    }
}
