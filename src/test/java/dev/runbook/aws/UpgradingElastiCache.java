package dev.runbook.aws;

import dev.runbook.action.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupStatus;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.PendingModifiedValues;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * A fake ElastiCache (only the calls the upgrade wait makes) whose group, on the given clock, reads
 * {@code available} until {@code startAt}, {@code modifying} until {@code doneAt}, then {@code available} on
 * valkey 8.0.1; before {@code startAt} the members may show the queued version. It counts every call.
 */
public final class UpgradingElastiCache implements ElastiCacheClient {
    public final String group;
    public final List<String> members;
    private final TimeSource clock;
    public Instant startAt;
    public Instant doneAt;
    /** What the members run once done (a failed upgrade leaves redis). */
    public String engineAfter = "valkey";
    public String versionAfter = "8.0.1";
    public final List<String> calls = new ArrayList<>();

    public UpgradingElastiCache(String group, int members, TimeSource clock, Instant startAt, Instant doneAt) {
        this.group = group;
        this.members = new ArrayList<>();
        for (int i = 1; i <= members; i++) {
            this.members.add(String.format("%s-%03d", group, i));
        }
        this.clock = clock;
        this.startAt = startAt;
        this.doneAt = doneAt;
    }

    private boolean done() {
        return !clock.now().isBefore(doneAt);
    }

    private String status() {
        Instant now = clock.now();
        return now.isBefore(startAt) || !now.isBefore(doneAt) ? "available" : "modifying";
    }

    @Override
    public synchronized DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
        calls.add("DescribeReplicationGroups");
        return DescribeReplicationGroupsResponse.builder().replicationGroups(ReplicationGroup.builder()
                .replicationGroupId(group).status(status()).engine(done() ? engineAfter : "redis")
                .memberClusters(members).build()).build();
    }

    @Override
    public synchronized DescribeCacheClustersResponse describeCacheClusters(DescribeCacheClustersRequest r) {
        calls.add("DescribeCacheClusters");
        boolean queued = !done();
        return DescribeCacheClustersResponse.builder().cacheClusters(CacheCluster.builder()
                .cacheClusterId(r.cacheClusterId()).replicationGroupId(group)
                .engine(done() ? engineAfter : "redis").engineVersion(done() ? versionAfter : "7.0.7")
                .pendingModifiedValues(queued ? PendingModifiedValues.builder().engineVersion("8.0").build()
                        : PendingModifiedValues.builder().build())
                .cacheParameterGroup(CacheParameterGroupStatus.builder().cacheParameterGroupName("default.valkey8")
                        .build()).build()).build();
    }

    @Override
    public synchronized DescribeEventsResponse describeEvents(DescribeEventsRequest r) {
        calls.add("DescribeEvents");
        List<Event> events = new ArrayList<>();
        if (r.sourceType() == SourceType.REPLICATION_GROUP && !clock.now().isBefore(startAt)) {
            events.add(Event.builder().sourceIdentifier(group).sourceType(SourceType.REPLICATION_GROUP)
                    .message("Modifying engine version to 8.0").date(startAt).build());
        }
        if (r.sourceType() == SourceType.CACHE_CLUSTER && done()) {
            events.add(Event.builder().sourceIdentifier(members.get(0)).sourceType(SourceType.CACHE_CLUSTER)
                    .message("Finished upgrading engine on node 0001").date(doneAt).build());
        }
        return DescribeEventsResponse.builder().events(events.stream()
                .filter(e -> r.startTime() == null || !e.date().isBefore(r.startTime())).toList()).build();
    }

    @Override
    public String serviceName() {
        return "elasticache";
    }

    @Override
    public void close() {
    }
}
