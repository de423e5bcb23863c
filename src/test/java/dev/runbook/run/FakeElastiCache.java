package dev.runbook.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.elasticache.model.NodeSnapshot;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/** The group and its manual snapshots as reconciliation reads them; every other call is unsupported. */
final class FakeElastiCache implements ElastiCacheClient {
    String group = "goorm-popcorn-cache-dev";
    String engine = "redis";
    String status = "available";
    final List<Snapshot> snapshots = new ArrayList<>();
    int describeCalls;
    /** Snapshots still creating turn available after this many DescribeSnapshots calls. */
    int snapshotCallsUntilAvailable = Integer.MAX_VALUE;

    void snapshot(String name, String snapshotStatus, Instant created) {
        snapshots.add(Snapshot.builder().snapshotName(name).snapshotStatus(snapshotStatus).replicationGroupId(group)
                .nodeSnapshots(NodeSnapshot.builder().snapshotCreateTime(created).build()).build());
    }

    @Override
    public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
        describeCalls++;
        if (!r.replicationGroupId().equals(group)) {
            throw ReplicationGroupNotFoundException.builder().message("not found").build();
        }
        return DescribeReplicationGroupsResponse.builder().replicationGroups(ReplicationGroup.builder()
                .replicationGroupId(group).engine(engine).status(status).memberClusters(group + "-001").build()).build();
    }

    @Override
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest r) {
        if (--snapshotCallsUntilAvailable <= 0) {
            snapshots.replaceAll(s -> s.toBuilder().snapshotStatus("available").build());
        }
        return DescribeSnapshotsResponse.builder().snapshots(snapshots.stream()
                .filter(s -> s.replicationGroupId().equals(r.replicationGroupId())).toList()).build();
    }

    @Override
    public String serviceName() {
        return "elasticache";
    }

    @Override
    public void close() {
    }
}
