package dev.runbook.action.elasticache;

import dev.runbook.action.AwsErrors;
import dev.runbook.action.ActionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.PendingModifiedValues;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupPendingModifiedValues;

/**
 * A replication group as AWS describes it together with its member cache clusters: the group carries the engine
 * but no engine version, so the members' versions and pending changes come from DescribeCacheClusters.
 */
public record GroupState(ReplicationGroup group, List<CacheCluster> members) {

    /** DescribeReplicationGroups for {@code id}; the operator's error when AWS fails. */
    public static ReplicationGroup describeGroup(ElastiCacheClient client, String id) throws ActionException {
        try {
            DescribeReplicationGroupsResponse r = client.describeReplicationGroups(
                    DescribeReplicationGroupsRequest.builder().replicationGroupId(id).build());
            if (!r.hasReplicationGroups() || r.replicationGroups().isEmpty()) {
                throw new ActionException("Replication group " + id + " was not found: check replication-group-id"
                        + " in application.conf and the AWS region/profile, then retry.");
            }
            return r.replicationGroups().get(0);
        } catch (SdkException e) {
            throw AwsErrors.translate("describe replication group " + id, id, e);
        }
    }

    /** The group and every member cluster (one DescribeCacheClusters per member, with node details). */
    public static GroupState load(ElastiCacheClient client, String id) throws ActionException {
        ReplicationGroup g = describeGroup(client, id);
        List<CacheCluster> members = new ArrayList<>();
        for (String member : g.memberClusters()) {
            try {
                var r = client.describeCacheClusters(DescribeCacheClustersRequest.builder().cacheClusterId(member)
                        .showCacheNodeInfo(true).build());
                members.addAll(r.cacheClusters());
            } catch (SdkException e) {
                throw AwsErrors.translate("describe member cluster " + member, id, e);
            }
        }
        return new GroupState(g, List.copyOf(members));
    }

    public String id() {
        return group.replicationGroupId();
    }

    public String status() {
        return group.status();
    }

    /** The group's engine; older responses lack it on the group, so the members' engine is the fallback. */
    public String engine() {
        if (group.engine() != null) {
            return group.engine();
        }
        return members.isEmpty() ? "unknown" : members.get(0).engine();
    }

    /** "id=version,id=version" in member order. */
    public String memberVersions() {
        return members.stream().map(m -> m.cacheClusterId() + "=" + m.engineVersion()).collect(Collectors.joining(","));
    }

    /** The version every member runs, or "mixed (a, b)" while members differ (mid-upgrade). */
    public String commonVersion() {
        Set<String> versions = members.stream().map(CacheCluster::engineVersion)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (versions.size() == 1) {
            return versions.iterator().next();
        }
        return versions.isEmpty() ? "unknown" : "mixed (" + String.join(", ", versions) + ")";
    }

    /** True when every member runs {@code engine} at a version matching {@code expected} (major.minor prefix). */
    public boolean allMembersRun(String engineName, String expected) {
        return !members.isEmpty() && engine().equalsIgnoreCase(engineName)
                && members.stream().allMatch(m -> Versions.matches(m.engineVersion(), expected));
    }

    public String primaryEndpoint() {
        NodeGroup ng = group.hasNodeGroups() && !group.nodeGroups().isEmpty() ? group.nodeGroups().get(0) : null;
        Endpoint e = ng != null && ng.primaryEndpoint() != null ? ng.primaryEndpoint() : group.configurationEndpoint();
        return hostPort(e);
    }

    public String readerEndpoint() {
        NodeGroup ng = group.hasNodeGroups() && !group.nodeGroups().isEmpty() ? group.nodeGroups().get(0) : null;
        return ng == null ? "none" : hostPort(ng.readerEndpoint());
    }

    private static String hostPort(Endpoint e) {
        return e == null || e.address() == null ? "none" : e.address() + ":" + e.port();
    }

    public String parameterGroup() {
        return members.isEmpty() || members.get(0).cacheParameterGroup() == null ? "unknown"
                : members.get(0).cacheParameterGroup().cacheParameterGroupName();
    }

    public boolean automaticFailover() {
        return group.automaticFailover() == AutomaticFailoverStatus.ENABLED
                || group.automaticFailover() == AutomaticFailoverStatus.ENABLING;
    }

    public boolean multiAz() {
        return group.multiAZ() == MultiAZStatus.ENABLED;
    }

    public boolean atRestEncryption() {
        return Boolean.TRUE.equals(group.atRestEncryptionEnabled());
    }

    public boolean transitEncryption() {
        return Boolean.TRUE.equals(group.transitEncryptionEnabled());
    }

    public int numCacheClusters() {
        return group.memberClusters().size();
    }

    /** Every pending change of the group and its members, in the operator's words; empty when none. */
    public List<String> pending() {
        List<String> out = new ArrayList<>();
        ReplicationGroupPendingModifiedValues gp = group.pendingModifiedValues();
        if (gp != null) {
            add(out, id() + ": primary cluster", gp.primaryClusterId());
            add(out, id() + ": automatic failover", gp.automaticFailoverStatusAsString());
            add(out, id() + ": resharding", gp.resharding());
            add(out, id() + ": auth token", gp.authTokenStatusAsString());
            add(out, id() + ": user groups", gp.userGroups());
            add(out, id() + ": transit encryption", gp.transitEncryptionEnabled());
            add(out, id() + ": transit encryption mode", gp.transitEncryptionModeAsString());
            add(out, id() + ": cluster mode", gp.clusterModeAsString());
            if (gp.hasLogDeliveryConfigurations() && !gp.logDeliveryConfigurations().isEmpty()) {
                out.add(id() + ": log delivery configuration");
            }
        }
        for (CacheCluster m : members) {
            PendingModifiedValues p = m.pendingModifiedValues();
            if (p == null) {
                continue;
            }
            String who = m.cacheClusterId() + ": ";
            add(out, who + "engine version", p.engineVersion());
            add(out, who + "node type", p.cacheNodeType());
            add(out, who + "number of nodes", p.numCacheNodes());
            add(out, who + "auth token", p.authTokenStatusAsString());
            add(out, who + "transit encryption", p.transitEncryptionEnabled());
            add(out, who + "transit encryption mode", p.transitEncryptionModeAsString());
            if (p.hasCacheNodeIdsToRemove() && !p.cacheNodeIdsToRemove().isEmpty()) {
                out.add(who + "nodes to remove " + p.cacheNodeIdsToRemove());
            }
            if (p.scaleConfig() != null) {
                out.add(who + "scaling");
            }
        }
        return out;
    }

    /** True when any member has a queued engine version (the upgrade was accepted but has not finished). */
    public boolean engineVersionPending() {
        return members.stream().anyMatch(m -> m.pendingModifiedValues() != null
                && m.pendingModifiedValues().engineVersion() != null);
    }

    private static void add(List<String> out, String what, Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            out.add(what + " → " + value);
        }
    }
}
