package dev.runbook.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupStatus;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.PendingAutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.PendingModifiedValues;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupPendingModifiedValues;

/**
 * One simulated replication group (cluster mode disabled, one shard) and its member clusters: mutable state
 * guarded by the {@link CacheSimulation}'s lock, and its picture as the SDK's model objects.
 */
final class SimGroup {
    static final String DOMAIN = ".xxxxxx.apne2.cache.amazonaws.com";

    /** A member cache cluster (one node each, "0001"). */
    static final class Member {
        final String id;
        final Instant created;
        String status = "available";
        String engineVersion;
        String pendingEngineVersion;
        boolean primary;
        final List<Phase> phases = new ArrayList<>();

        Member(String id, Instant created, String engineVersion, boolean primary) {
            this.id = id;
            this.created = created;
            this.engineVersion = engineVersion;
            this.primary = primary;
        }
    }

    /** A stretch of time the metrics show: an upgrade of a node, the endpoint not answering, an engine running hot. */
    record Phase(Kind kind, Instant start, Instant end) {
        enum Kind { UPGRADE, OUTAGE, FAILOVER, HOT_ENGINE }

        boolean covers(Instant t) {
            return !t.isBefore(start) && (end == null || t.isBefore(end));
        }
    }

    final String id;
    final Instant created;
    String status = "available";
    String engine;
    String nodeType;
    String parameterGroup;
    boolean atRestEncryption;
    boolean transitEncryption;
    String transitMode;
    boolean automaticFailover;
    boolean multiAz;
    String pendingFailover;
    /** An engine change sent with ApplyImmediately=false that waits for the maintenance window; null when none. */
    Upgrade queuedUpgrade;
    int snapshotRetentionLimit;
    String snapshotWindow;
    String maintenanceWindow;
    String snapshottingCluster;
    boolean endpointAvailable = true;
    final List<Member> members = new ArrayList<>();
    /** The group's tags (the run's lease lives here), in the order they were added. */
    final Map<String, String> tags = new LinkedHashMap<>();

    SimGroup(String id, Instant created) {
        this.id = id;
        this.created = created;
    }

    Member primary() {
        return members.stream().filter(m -> m.primary).findFirst().orElse(members.get(0));
    }

    Member member(String clusterId) {
        return members.stream().filter(m -> m.id.equals(clusterId)).findFirst().orElse(null);
    }

    String nextMemberId() {
        return String.format("%s-%03d", id, members.size() + 1);
    }

    String arn() {
        return "arn:aws:elasticache:ap-northeast-2:000000000000:replicationgroup:" + id;
    }

    String primaryHost() {
        return id + DOMAIN;
    }

    ReplicationGroup toSdk() {
        List<NodeGroupMember> nodes = members.stream().map(m -> NodeGroupMember.builder().cacheClusterId(m.id)
                .cacheNodeId("0001").currentRole(m.primary ? "primary" : "replica")
                .readEndpoint(Endpoint.builder().address(m.id + DOMAIN).port(6379).build())
                .preferredAvailabilityZone(zone(m)).build()).toList();
        NodeGroup shard = NodeGroup.builder().nodeGroupId("0001").status(status)
                .primaryEndpoint(Endpoint.builder().address(primaryHost()).port(6379).build())
                .readerEndpoint(Endpoint.builder().address(id + "-ro" + DOMAIN).port(6379).build())
                .nodeGroupMembers(nodes).build();
        ReplicationGroupPendingModifiedValues.Builder pending = ReplicationGroupPendingModifiedValues.builder();
        if (pendingFailover != null) {
            pending.automaticFailoverStatus(PendingAutomaticFailoverStatus.fromValue(pendingFailover));
        }
        return ReplicationGroup.builder().replicationGroupId(id).description("simulated " + id).status(status)
                .engine(engine).memberClusters(members.stream().map(m -> m.id).toList()).nodeGroups(shard)
                .pendingModifiedValues(pending.build())
                .snapshottingClusterId(snapshottingCluster)
                .automaticFailover(automaticFailover ? AutomaticFailoverStatus.ENABLED : AutomaticFailoverStatus.DISABLED)
                .multiAZ(multiAz ? MultiAZStatus.ENABLED : MultiAZStatus.DISABLED)
                .snapshotRetentionLimit(snapshotRetentionLimit).snapshotWindow(snapshotWindow)
                .clusterEnabled(false).cacheNodeType(nodeType).authTokenEnabled(false)
                .transitEncryptionEnabled(transitEncryption).transitEncryptionMode(transitMode)
                .atRestEncryptionEnabled(atRestEncryption).replicationGroupCreateTime(created)
                .arn(arn()).build();
    }

    CacheCluster toSdk(Member m, boolean nodeInfo) {
        CacheCluster.Builder b = CacheCluster.builder().cacheClusterId(m.id).cacheNodeType(nodeType).engine(engine)
                .engineVersion(m.engineVersion).cacheClusterStatus(m.status).numCacheNodes(1)
                .preferredAvailabilityZone(zone(m)).cacheClusterCreateTime(m.created)
                .preferredMaintenanceWindow(maintenanceWindow).replicationGroupId(id)
                .pendingModifiedValues(PendingModifiedValues.builder().engineVersion(m.pendingEngineVersion).build())
                .cacheParameterGroup(CacheParameterGroupStatus.builder().cacheParameterGroupName(parameterGroup)
                        .parameterApplyStatus("in-sync").build())
                .snapshotRetentionLimit(snapshotRetentionLimit).snapshotWindow(snapshotWindow)
                .transitEncryptionEnabled(transitEncryption).atRestEncryptionEnabled(atRestEncryption)
                .authTokenEnabled(false)
                .arn("arn:aws:elasticache:ap-northeast-2:000000000000:cluster:" + m.id);
        if (nodeInfo) {
            b.cacheNodes(CacheNode.builder().cacheNodeId("0001").cacheNodeStatus(m.status).cacheNodeCreateTime(m.created)
                    .endpoint(Endpoint.builder().address(m.id + DOMAIN).port(6379).build())
                    .parameterGroupStatus("in-sync").customerAvailabilityZone(zone(m)).build());
        }
        return b.build();
    }

    private String zone(Member m) {
        return "ap-northeast-2" + (char) ('a' + (members.indexOf(m) % 3));
    }
}
