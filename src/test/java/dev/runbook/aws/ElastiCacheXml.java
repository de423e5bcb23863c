package dev.runbook.aws;

import java.util.List;
import java.util.stream.Collectors;

/**
 * XML fragments shaped as in the ElastiCache API reference, for scripting {@link QueryProtocolServer}: a
 * replication group, a member cache cluster, a snapshot, an event. Values are the dev environment's by default.
 */
public final class ElastiCacheXml {
    private ElastiCacheXml() {
    }

    /** A cluster-mode-disabled group with one node group. */
    public static String group(String id, String status, String engine, List<String> members, String failover,
                               String multiAz, boolean atRest, boolean transit) {
        return "<ReplicationGroup><ReplicationGroupId>" + id + "</ReplicationGroupId><Description>cache</Description>"
                + "<Status>" + status + "</Status><Engine>" + engine + "</Engine><PendingModifiedValues/>"
                + "<ARN>" + arn(id) + "</ARN>"
                + "<MemberClusters>" + members.stream().map(m -> "<ClusterId>" + m + "</ClusterId>")
                .collect(Collectors.joining()) + "</MemberClusters>"
                + "<NodeGroups><NodeGroup><NodeGroupId>0001</NodeGroupId><Status>" + status + "</Status>"
                + "<PrimaryEndpoint><Address>" + id + ".abc123.ng.0001.apn2.cache.amazonaws.com</Address><Port>6379</Port></PrimaryEndpoint>"
                + "<ReaderEndpoint><Address>" + id + "-ro.abc123.ng.0001.apn2.cache.amazonaws.com</Address><Port>6379</Port></ReaderEndpoint>"
                + "</NodeGroup></NodeGroups>"
                + "<AutomaticFailover>" + failover + "</AutomaticFailover><MultiAZ>" + multiAz + "</MultiAZ>"
                + "<ClusterEnabled>false</ClusterEnabled><CacheNodeType>cache.t4g.micro</CacheNodeType>"
                + "<TransitEncryptionEnabled>" + transit + "</TransitEncryptionEnabled>"
                + "<AtRestEncryptionEnabled>" + atRest + "</AtRestEncryptionEnabled></ReplicationGroup>";
    }

    /** The ARN a group's tags live on. */
    public static String arn(String group) {
        return "arn:aws:elasticache:ap-northeast-2:123456789012:replicationgroup:" + group;
    }

    /** A ListTagsForResource / AddTagsToResource / RemoveTagsFromResource result: the group's tags as key, value pairs. */
    public static String tags(String... keyValues) {
        StringBuilder b = new StringBuilder("<TagList>");
        for (int i = 0; i < keyValues.length; i += 2) {
            b.append("<Tag><Key>").append(keyValues[i]).append("</Key><Value>").append(keyValues[i + 1])
                    .append("</Value></Tag>");
        }
        return b.append("</TagList>").toString();
    }

    /** The dev group: one node, redis, at-rest encryption on, no TLS, no failover. */
    public static String devGroup(String status) {
        return group("goorm-popcorn-cache-dev", status, "redis", List.of("goorm-popcorn-cache-dev-001"), "disabled",
                "disabled", true, false);
    }

    public static String groups(String... groups) {
        return "<ReplicationGroups>" + String.join("", groups) + "</ReplicationGroups>";
    }

    /** A member cluster; {@code pendingVersion} null when nothing is pending. */
    public static String cluster(String id, String group, String engine, String version, String pendingVersion,
                                 String parameterGroup) {
        return "<CacheClusters><CacheCluster><CacheClusterId>" + id + "</CacheClusterId>"
                + "<CacheNodeType>cache.t4g.micro</CacheNodeType><Engine>" + engine + "</Engine>"
                + "<EngineVersion>" + version + "</EngineVersion><CacheClusterStatus>available</CacheClusterStatus>"
                + "<NumCacheNodes>1</NumCacheNodes><PreferredMaintenanceWindow>sun:05:00-sun:07:00</PreferredMaintenanceWindow>"
                + "<PendingModifiedValues>" + (pendingVersion == null ? "" : "<EngineVersion>" + pendingVersion
                + "</EngineVersion>") + "</PendingModifiedValues>"
                + "<CacheParameterGroup><CacheParameterGroupName>" + parameterGroup + "</CacheParameterGroupName>"
                + "<ParameterApplyStatus>in-sync</ParameterApplyStatus></CacheParameterGroup>"
                + "<CacheSubnetGroupName>popcorn-cache-subnets</CacheSubnetGroupName>"
                + "<SecurityGroups><member><SecurityGroupId>sg-0abc</SecurityGroupId><Status>active</Status></member></SecurityGroups>"
                + "<ReplicationGroupId>" + group + "</ReplicationGroupId>"
                + "</CacheCluster></CacheClusters>";
    }

    public static String snapshot(String name, String source, String status, String takenAt) {
        return "<Snapshot><SnapshotName>" + name + "</SnapshotName><ReplicationGroupId>goorm-popcorn-cache-dev"
                + "</ReplicationGroupId><SnapshotStatus>" + status + "</SnapshotStatus><SnapshotSource>" + source
                + "</SnapshotSource><Engine>redis</Engine><EngineVersion>7.0.7</EngineVersion><NodeSnapshots><NodeSnapshot>"
                + "<CacheClusterId>goorm-popcorn-cache-dev-001</CacheClusterId><CacheNodeId>0001</CacheNodeId>"
                + "<SnapshotCreateTime>" + takenAt + "</SnapshotCreateTime></NodeSnapshot></NodeSnapshots></Snapshot>";
    }

    public static String snapshots(String marker, String... snapshots) {
        return (marker == null ? "" : "<Marker>" + marker + "</Marker>") + "<Snapshots>" + String.join("", snapshots)
                + "</Snapshots>";
    }

    public static String event(String source, String type, String message, String date) {
        return "<Event><SourceIdentifier>" + source + "</SourceIdentifier><SourceType>" + type + "</SourceType>"
                + "<Message>" + message + "</Message><Date>" + date + "</Date></Event>";
    }

    public static String events(String marker, String... events) {
        return (marker == null ? "" : "<Marker>" + marker + "</Marker>") + "<Events>" + String.join("", events)
                + "</Events>";
    }

    /** DescribeCacheEngineVersions' answer for valkey 8.0: family valkey8. */
    public static String valkey8EngineVersion() {
        return "<CacheEngineVersions><CacheEngineVersion><Engine>valkey</Engine><EngineVersion>8.0</EngineVersion>"
                + "<CacheParameterGroupFamily>valkey8</CacheParameterGroupFamily></CacheEngineVersion></CacheEngineVersions>";
    }

    /** DescribeCacheParameterGroups' answer: one group of {@code family}. */
    public static String parameterGroup(String name, String family) {
        return "<CacheParameterGroups><CacheParameterGroup><CacheParameterGroupName>" + name
                + "</CacheParameterGroupName><CacheParameterGroupFamily>" + family
                + "</CacheParameterGroupFamily><IsGlobal>false</IsGlobal></CacheParameterGroup></CacheParameterGroups>";
    }
}
