package dev.runbook.aws.sim;

import java.time.Duration;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterValueException;
import software.amazon.awssdk.services.elasticache.model.InvalidReplicationGroupStateException;
import software.amazon.awssdk.services.elasticache.model.InvalidSnapshotStateException;
import software.amazon.awssdk.services.elasticache.model.SnapshotNotFoundException;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * DeleteReplicationGroup and DeleteSnapshot as the simulation answers them: the group reads {@code deleting} for
 * five simulated minutes and is then gone (DescribeReplicationGroups: ReplicationGroupNotFoundFault), a snapshot
 * reads {@code deleting} for a minute. A group that is not available, or a snapshot that is not, is refused the way
 * AWS refuses it; a second delete of a group already deleting is refused too (InvalidReplicationGroupState).
 */
final class Deletions {
    private final CacheSimulation sim;

    Deletions(CacheSimulation sim) {
        this.sim = sim;
    }

    SimGroup deleteGroup(DeleteReplicationGroupRequest r) {
        SimGroup g = sim.require(r.replicationGroupId());
        if (!"available".equals(g.status)) {
            throw sim.error(InvalidReplicationGroupStateException.builder(), 400, "InvalidReplicationGroupState",
                    "Replication group " + g.id + " is not in available state (" + g.status + ").");
        }
        if (Boolean.TRUE.equals(r.retainPrimaryCluster())) {
            throw sim.error(InvalidParameterValueException.builder(), 400, "InvalidParameterValue",
                    "The simulation does not retain primary clusters.");
        }
        g.status = "deleting";
        g.members.forEach(m -> m.status = "deleting");
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Replication group " + g.id + " is being deleted.");
        sim.schedule(Duration.ofMinutes(5), () -> {
            sim.groups.remove(g.id);
            sim.event(SourceType.REPLICATION_GROUP, g.id, "Replication group " + g.id + " deleted.");
        });
        return g;
    }

    SimSnapshot deleteSnapshot(DeleteSnapshotRequest r) {
        SimSnapshot s = sim.snapshots.get(r.snapshotName());
        if (s == null) {
            throw sim.error(SnapshotNotFoundException.builder(), 404, "SnapshotNotFoundFault",
                    "Snapshot " + r.snapshotName() + " not found.");
        }
        if (!"available".equals(s.status)) {
            throw sim.error(InvalidSnapshotStateException.builder(), 400, "InvalidSnapshotState",
                    "Snapshot " + s.name + " is not in available state (" + s.status + ").");
        }
        if ("automated".equals(s.source)) {
            throw sim.error(InvalidParameterValueException.builder(), 400, "InvalidParameterValue",
                    "Automated snapshots cannot be deleted: " + s.name);
        }
        s.status = "deleting";
        sim.schedule(Duration.ofMinutes(1), () -> {
            sim.snapshots.remove(s.name);
            sim.event(SourceType.CACHE_CLUSTER, s.clusterId, "Snapshot " + s.name + " deleted.");
        });
        return s;
    }
}
