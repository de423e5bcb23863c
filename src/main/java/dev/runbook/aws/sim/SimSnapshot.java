package dev.runbook.aws.sim;

import java.time.Instant;
import software.amazon.awssdk.services.elasticache.model.NodeSnapshot;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/** One simulated snapshot of a group's primary: what the SDK's Snapshot shows, and the state it restores. */
final class SimSnapshot {
    final String name;
    final String groupId;
    final String clusterId;
    final String source;
    final String engine;
    final String engineVersion;
    final String nodeType;
    final String parameterGroup;
    final Instant created;
    String status;

    SimSnapshot(String name, SimGroup g, String source, Instant created, String status) {
        this.name = name;
        this.groupId = g.id;
        this.clusterId = g.primary().id;
        this.source = source;
        this.engine = g.engine;
        this.engineVersion = g.primary().engineVersion;
        this.nodeType = g.nodeType;
        this.parameterGroup = g.parameterGroup;
        this.created = created;
        this.status = status;
    }

    Snapshot toSdk() {
        return Snapshot.builder().snapshotName(name).replicationGroupId(groupId).snapshotStatus(status)
                .snapshotSource(source).cacheNodeType(nodeType).engine(engine).engineVersion(engineVersion)
                .numCacheNodes(1).numNodeGroups(1).port(6379).cacheParameterGroupName(parameterGroup)
                .arn("arn:aws:elasticache:ap-northeast-2:000000000000:snapshot:" + name)
                .nodeSnapshots(NodeSnapshot.builder().cacheClusterId(clusterId).nodeGroupId("0001")
                        .cacheNodeId("0001").cacheSize("6 MB").snapshotCreateTime(created).build())
                .build();
    }
}
