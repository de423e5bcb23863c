package dev.runbook.aws.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheEngineVersion;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroup;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheEngineVersionsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheEngineVersionsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheParameterGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheParameterGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheResponseMetadata;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountResponse;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.SnapshotNotFoundException;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * The rehearsal's ElastiCache: implements the SDK client interface for the operations the actions call, over
 * a {@link CacheSimulation}, so the very same action code runs against it. Other operations throw
 * UnsupportedOperationException. Errors are the SDK's typed exceptions with AWS's error codes; responses
 * carry a request id.
 */
public final class SimulatedElastiCache implements ElastiCacheClient {
    private final CacheSimulation sim;
    private final Mutations mutations;
    private final Deletions deletions;

    public SimulatedElastiCache(CacheSimulation sim) {
        this.sim = sim;
        this.mutations = new Mutations(sim);
        this.deletions = new Deletions(sim);
    }

    public CacheSimulation simulation() {
        return sim;
    }

    @Override
    public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
        return read(() -> {
            List<SimGroup> found = r.replicationGroupId() == null ? List.copyOf(sim.groups.values())
                    : List.of(sim.require(r.replicationGroupId()));
            return meta(DescribeReplicationGroupsResponse.builder()
                    .replicationGroups(found.stream().map(SimGroup::toSdk).toList()));
        });
    }

    @Override
    public DescribeCacheClustersResponse describeCacheClusters(DescribeCacheClustersRequest r) {
        return read(() -> {
            boolean nodes = Boolean.TRUE.equals(r.showCacheNodeInfo());
            List<CacheCluster> clusters = sim.groups.values().stream().flatMap(g -> g.members.stream()
                    .filter(m -> r.cacheClusterId() == null || m.id.equals(r.cacheClusterId()))
                    .map(m -> g.toSdk(m, nodes))).toList();
            if (r.cacheClusterId() != null && clusters.isEmpty()) {
                throw sim.error(CacheClusterNotFoundException.builder(), 404, "CacheClusterNotFound",
                        "CacheCluster not found: " + r.cacheClusterId());
            }
            return meta(DescribeCacheClustersResponse.builder().cacheClusters(clusters));
        });
    }

    @Override
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest r) {
        return read(() -> {
            String source = r.snapshotSource() == null ? null
                    : Map.of("system", "automated", "user", "manual").getOrDefault(
                            r.snapshotSource().toLowerCase(Locale.ROOT), r.snapshotSource());
            List<SimSnapshot> found = sim.snapshots.values().stream()
                    .filter(s -> r.replicationGroupId() == null || s.groupId.equals(r.replicationGroupId()))
                    .filter(s -> r.cacheClusterId() == null || s.clusterId.equals(r.cacheClusterId()))
                    .filter(s -> r.snapshotName() == null || s.name.equals(r.snapshotName()))
                    .filter(s -> source == null || s.source.equals(source)).toList();
            if (r.snapshotName() != null && found.isEmpty()) {
                throw sim.error(SnapshotNotFoundException.builder(), 404, "SnapshotNotFoundFault",
                        "Snapshot " + r.snapshotName() + " not found.");
            }
            return meta(DescribeSnapshotsResponse.builder().snapshots(found.stream().map(SimSnapshot::toSdk).toList()));
        });
    }

    @Override
    public DescribeCacheEngineVersionsResponse describeCacheEngineVersions(DescribeCacheEngineVersionsRequest r) {
        return read(() -> meta(DescribeCacheEngineVersionsResponse.builder().cacheEngineVersions(
                Catalog.VERSIONS.stream()
                        .filter(v -> r.engine() == null || v.engine().equals(r.engine()))
                        .filter(v -> r.engineVersion() == null || v.version().equals(r.engineVersion())
                                || v.full().equals(r.engineVersion()))
                        .filter(v -> r.cacheParameterGroupFamily() == null
                                || v.family().equals(r.cacheParameterGroupFamily()))
                        .map(v -> CacheEngineVersion.builder().engine(v.engine()).engineVersion(v.version())
                                .cacheParameterGroupFamily(v.family())
                                .cacheEngineDescription(v.engine().equals("valkey") ? "Valkey" : "Redis OSS")
                                .cacheEngineVersionDescription(v.engine() + " version " + v.full()).build())
                        .toList())));
    }

    @Override
    public DescribeCacheParameterGroupsResponse describeCacheParameterGroups(DescribeCacheParameterGroupsRequest r) {
        return read(() -> {
            String name = r.cacheParameterGroupName();
            if (name != null && !Catalog.PARAMETER_GROUPS.containsKey(name)) {
                throw sim.error(CacheParameterGroupNotFoundException.builder(), 404, "CacheParameterGroupNotFound",
                        "CacheParameterGroup " + name + " not found.");
            }
            return meta(DescribeCacheParameterGroupsResponse.builder().cacheParameterGroups(
                    Catalog.PARAMETER_GROUPS.entrySet().stream().filter(e -> name == null || e.getKey().equals(name))
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> CacheParameterGroup.builder().cacheParameterGroupName(e.getKey())
                                    .cacheParameterGroupFamily(e.getValue()).isGlobal(false)
                                    .description("Default parameter group for " + e.getValue()).build())
                            .toList()));
        });
    }

    @Override
    public DescribeEventsResponse describeEvents(DescribeEventsRequest r) {
        return read(() -> {
            Instant now = sim.now();
            Instant end = r.endTime() != null ? r.endTime() : now;
            Instant start = r.startTime() != null ? r.startTime()
                    : end.minus(Duration.ofMinutes(r.duration() != null ? r.duration() : 60));
            List<Event> found = sim.events.stream()
                    .filter(e -> r.sourceType() == null || e.type() == r.sourceType())
                    .filter(e -> r.sourceIdentifier() == null || e.source().equals(r.sourceIdentifier()))
                    .filter(e -> !e.date().isBefore(start) && !e.date().isAfter(end))
                    .sorted(Comparator.comparing(CacheSimulation.Event::date).reversed())
                    .limit(r.maxRecords() != null ? r.maxRecords() : 100)
                    .map(e -> Event.builder().date(e.date()).sourceType(e.type()).sourceIdentifier(e.source())
                            .message(e.message()).build()).toList();
            return meta(DescribeEventsResponse.builder().events(found));
        });
    }

    @Override
    public CreateSnapshotResponse createSnapshot(CreateSnapshotRequest r) {
        return write(() -> meta(CreateSnapshotResponse.builder().snapshot(mutations.createSnapshot(r).toSdk())));
    }

    @Override
    public ModifyReplicationGroupResponse modifyReplicationGroup(ModifyReplicationGroupRequest r) {
        return write(() -> meta(ModifyReplicationGroupResponse.builder().replicationGroup(mutations.modify(r).toSdk())));
    }

    @Override
    public DeleteReplicationGroupResponse deleteReplicationGroup(DeleteReplicationGroupRequest r) {
        return write(() -> meta(DeleteReplicationGroupResponse.builder()
                .replicationGroup(deletions.deleteGroup(r).toSdk())));
    }

    @Override
    public DeleteSnapshotResponse deleteSnapshot(DeleteSnapshotRequest r) {
        return write(() -> meta(DeleteSnapshotResponse.builder().snapshot(deletions.deleteSnapshot(r).toSdk())));
    }

    @Override
    public IncreaseReplicaCountResponse increaseReplicaCount(IncreaseReplicaCountRequest r) {
        return write(() -> meta(IncreaseReplicaCountResponse.builder()
                .replicationGroup(mutations.increaseReplicaCount(r).toSdk())));
    }

    @Override
    public CreateReplicationGroupResponse createReplicationGroup(CreateReplicationGroupRequest r) {
        return write(() -> meta(CreateReplicationGroupResponse.builder()
                .replicationGroup(mutations.createReplicationGroup(r).toSdk())));
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        return read(() -> meta(ListTagsForResourceResponse.builder().tagList(tags(sim.requireArn(r.resourceName())))));
    }

    /** Tagging counts as a read for the throttling drill, whose burst starts at the first change of the group. */
    @Override
    public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
        return read(() -> {
            SimGroup g = sim.requireArn(r.resourceName());
            r.tags().forEach(t -> g.tags.put(t.key(), t.value()));
            return meta(AddTagsToResourceResponse.builder().tagList(tags(g)));
        });
    }

    @Override
    public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest r) {
        return read(() -> {
            SimGroup g = sim.requireArn(r.resourceName());
            r.tagKeys().forEach(g.tags::remove);
            return meta(RemoveTagsFromResourceResponse.builder().tagList(tags(g)));
        });
    }

    private static List<Tag> tags(SimGroup g) {
        return g.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release: the simulation lives as long as the rehearsal
    }

    private <T> T read(Supplier<T> call) {
        return call(false, call);
    }

    private <T> T write(Supplier<T> call) {
        return call(true, call);
    }

    private <T> T call(boolean mutating, Supplier<T> call) {
        sim.enter(mutating);
        synchronized (sim) {
            return call.get();
        }
    }

    @SuppressWarnings("unchecked")
    private <R extends AwsResponse> R meta(AwsResponse.Builder builder) {
        builder.responseMetadata(ElastiCacheResponseMetadata.create(DefaultAwsResponseMetadata.create(
                Map.of("AWS_REQUEST_ID", sim.nextRequestId()))));
        return (R) builder.build();
    }
}
