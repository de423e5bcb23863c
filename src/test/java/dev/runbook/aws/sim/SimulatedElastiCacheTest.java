package dev.runbook.aws.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.elasticache.model.InvalidReplicationGroupStateException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupAlreadyExistsException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Snapshot;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/** The simulated ElastiCache walked through a migration as the actions will call it, with AWS's refusals. */
class SimulatedElastiCacheTest {
    static final String DEV = "goorm-popcorn-cache-dev";
    final TestContext.ManualTime time = new TestContext.ManualTime(Instant.parse("2026-11-29T04:30:00Z"));

    SimulatedElastiCache client(String env, Fault... faults) {
        Environment e = TestSettings.load().environment(env);
        return new SimulatedElastiCache(CacheSimulation.of(e, time, Set.of(faults), Duration.ofMinutes(60)));
    }

    ReplicationGroup group(SimulatedElastiCache ec, String id) {
        return ec.describeReplicationGroups(b -> b.replicationGroupId(id)).replicationGroups().get(0);
    }

    List<CacheCluster> members(SimulatedElastiCache ec) {
        return ec.describeCacheClusters(b -> b.showCacheNodeInfo(true)).cacheClusters();
    }

    Snapshot snapshot(SimulatedElastiCache ec, String name) {
        return ec.describeSnapshots(b -> b.snapshotName(name)).snapshots().get(0);
    }

    void modifyToValkey(SimulatedElastiCache ec, String parameterGroup, boolean now) {
        ec.modifyReplicationGroup(b -> b.replicationGroupId(DEV).engine("valkey").engineVersion("8.0")
                .cacheParameterGroupName(parameterGroup).applyImmediately(now));
    }

    @Test
    void seedsTheGroupAsTheGuideDescribesIt() {
        SimulatedElastiCache ec = client("dev");
        ReplicationGroup g = group(ec, DEV);
        assertEquals("available", g.status());
        assertEquals("redis", g.engine());
        assertEquals(List.of(DEV + "-001"), g.memberClusters());
        assertEquals(DEV + ".xxxxxx.apne2.cache.amazonaws.com", g.nodeGroups().get(0).primaryEndpoint().address());
        assertEquals(6379, g.nodeGroups().get(0).primaryEndpoint().port());
        assertTrue(g.atRestEncryptionEnabled());
        assertEquals("cache.t4g.micro", g.cacheNodeType());
        CacheCluster m = members(ec).get(0);
        assertEquals("7.0.7", m.engineVersion());
        assertEquals("default.redis7", m.cacheParameterGroup().cacheParameterGroupName());
        List<Snapshot> automated = ec.describeSnapshots(b -> b.replicationGroupId(DEV).snapshotSource("system")).snapshots();
        assertEquals(1, automated.size());
        assertEquals("automated", automated.get(0).snapshotSource());
        assertEquals("redis7", ec.describeCacheEngineVersions(b -> b.engine("redis").engineVersion("7.0"))
                .cacheEngineVersions().get(0).cacheParameterGroupFamily());
    }

    @Test
    void migratesDevFromSnapshotToValkeyWithDowntimeAndEvents() {
        SimulatedElastiCache ec = client("dev");
        Instant start = time.now();
        ec.createSnapshot(b -> b.replicationGroupId(DEV).snapshotName("Pre-Valkey-1"));
        assertEquals("snapshotting", group(ec, DEV).status());
        assertEquals("creating", snapshot(ec, "pre-valkey-1").snapshotStatus());
        var refused = assertThrows(InvalidReplicationGroupStateException.class,
                () -> modifyToValkey(ec, "default.valkey8", true));
        assertEquals("InvalidReplicationGroupState", refused.awsErrorDetails().errorCode());
        assertTrue(refused.requestId().startsWith("sim-"));

        time.advance(Duration.ofMinutes(2));
        assertEquals("available", snapshot(ec, "pre-valkey-1").snapshotStatus());
        assertEquals("available", group(ec, DEV).status());

        modifyToValkey(ec, "default.valkey8", true);
        assertEquals("8.0.1", members(ec).get(0).pendingModifiedValues().engineVersion());
        time.advance(Duration.ofMinutes(3));
        assertEquals("modifying", group(ec, DEV).status());
        assertFalse(ec.simulation().endpointAvailable(DEV), "no replica: the endpoint is down during the upgrade");
        time.advance(Duration.ofMinutes(10));
        ReplicationGroup after = group(ec, DEV);
        assertEquals("available", after.status());
        assertEquals("valkey", after.engine());
        assertTrue(ec.simulation().endpointAvailable(DEV));
        CacheCluster m = members(ec).get(0);
        assertEquals("8.0.1", m.engineVersion());
        assertEquals(null, m.pendingModifiedValues().engineVersion());
        assertEquals("default.valkey8", m.cacheParameterGroup().cacheParameterGroupName());
        List<String> events = ec.describeEvents(b -> b.sourceType(SourceType.REPLICATION_GROUP).sourceIdentifier(DEV)
                .startTime(start)).events().stream().map(e -> e.message()).toList();
        assertEquals(List.of(
                "Replication group " + DEV + " modified: engine valkey 8.0.1, parameter group default.valkey8.",
                "Modifying replication group " + DEV + ": engine redis 7.0.7 to valkey 8.0.1.",
                "Snapshot succeeded for snapshot named pre-valkey-1 of replication group " + DEV + "."), events);
        assertEquals(3, ec.describeEvents(b -> b.sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier(DEV + "-001")
                .startTime(start)).events().size());
    }

    @Test
    void refusesAParameterGroupOfTheWrongFamily() {
        var e = assertThrows(InvalidParameterCombinationException.class,
                () -> modifyToValkey(client("dev"), "default.redis7", true));
        assertEquals("InvalidParameterCombination", e.awsErrorDetails().errorCode());
        assertEquals("Expected a parameter group of family valkey8 but found redis7.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void refusesAnUnknownGroup() {
        var e = assertThrows(ReplicationGroupNotFoundException.class, () -> group(client("dev"), "nope"));
        assertEquals("ReplicationGroupNotFoundFault", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
    }

    @Test
    void restoresASnapshotIntoANewGroupButNeverOverAnExistingOne() {
        SimulatedElastiCache ec = client("dev");
        ec.createSnapshot(b -> b.replicationGroupId(DEV).snapshotName("pre"));
        time.advance(Duration.ofMinutes(2));
        var e = assertThrows(ReplicationGroupAlreadyExistsException.class, () -> ec.createReplicationGroup(b -> b
                .replicationGroupId(DEV).replicationGroupDescription("x").snapshotName("pre")));
        assertEquals("ReplicationGroupAlreadyExists", e.awsErrorDetails().errorCode());
        ec.createReplicationGroup(b -> b.replicationGroupId(DEV + "-rollback").replicationGroupDescription("rollback")
                .snapshotName("pre").engine("redis").engineVersion("7.0").numCacheClusters(1));
        assertEquals("creating", group(ec, DEV + "-rollback").status());
        time.advance(Duration.ofMinutes(10));
        assertEquals("available", group(ec, DEV + "-rollback").status());
        assertEquals("7.0.7", ec.describeCacheClusters(b -> b.cacheClusterId(DEV + "-rollback-001"))
                .cacheClusters().get(0).engineVersion());
    }

    @Test
    void prodQueuesTheUpgradeForTheWindowAndFailsOverToTheUpgradedReplica() {
        SimulatedElastiCache ec = client("prod");
        String prod = "goorm-popcorn-cache-prod";
        time.advance(Duration.ofHours(2)); // 06:30 on Sunday: the window (sun:04:00-06:00) has just closed
        ec.increaseReplicaCount(b -> b.replicationGroupId(prod).newReplicaCount(1).applyImmediately(true));
        time.advance(Duration.ofMinutes(8));
        ec.modifyReplicationGroup(b -> b.replicationGroupId(prod).automaticFailoverEnabled(true).multiAZEnabled(true)
                .applyImmediately(true));
        time.advance(Duration.ofMinutes(2));
        ec.modifyReplicationGroup(b -> b.replicationGroupId(prod).engine("valkey").engineVersion("8.0")
                .applyImmediately(false));
        time.advance(Duration.ofMinutes(5));
        assertEquals("available", group(ec, prod).status(), "queued for the next window, a week away");
        assertTrue(members(ec).stream().allMatch(m -> "8.0.1".equals(m.pendingModifiedValues().engineVersion())));
        time.advance(Duration.ofDays(7));
        ReplicationGroup g = group(ec, prod);
        assertEquals("valkey", g.engine());
        assertTrue(members(ec).stream().allMatch(m -> m.engineVersion().equals("8.0.1")));
        assertEquals("replica", g.nodeGroups().get(0).nodeGroupMembers().get(0).currentRole());
        assertTrue(ec.describeEvents(b -> b.sourceIdentifier(prod).duration(24 * 60)).events().stream()
                .anyMatch(e -> e.message().equals("Failover to replica node " + prod + "-002 completed.")));
    }

    @Test
    void aQueuedUpgradeIsWithdrawnByAModifyBackToTheRunningEngineAndTheWindowChangesNothing() {
        SimulatedElastiCache ec = client("prod");
        String prod = "goorm-popcorn-cache-prod";
        time.advance(Duration.ofHours(2)); // the window has just closed: the change waits a week
        ec.modifyReplicationGroup(b -> b.replicationGroupId(prod).engine("valkey").engineVersion("8.0")
                .applyImmediately(false));
        assertTrue(members(ec).stream().allMatch(m -> "8.0.1".equals(m.pendingModifiedValues().engineVersion())));

        ec.modifyReplicationGroup(b -> b.replicationGroupId(prod).engine("redis").engineVersion("7.0.7")
                .cacheParameterGroupName("default.redis7").applyImmediately(false));

        assertTrue(members(ec).stream().allMatch(m -> m.pendingModifiedValues().engineVersion() == null));
        time.advance(Duration.ofDays(8));
        assertEquals("redis", group(ec, prod).engine(), "the window came and went: nothing changed");
        assertTrue(members(ec).stream().allMatch(m -> m.engineVersion().equals("7.0.7")));
        assertTrue(ec.describeEvents(b -> b.sourceIdentifier(prod).duration(14 * 24 * 60)).events().stream()
                .anyMatch(e -> e.message().equals("Pending engine version modification withdrawn for replication group "
                        + prod + ".")));
    }

    @Test
    void withTheWithdrawRefusedDrillAwsKeepsTheQueuedUpgradeAndAppliesItInTheWindow() {
        SimulatedElastiCache ec = client("prod", Fault.WITHDRAW_REFUSED);
        String prod = "goorm-popcorn-cache-prod";
        time.advance(Duration.ofHours(2));
        ec.modifyReplicationGroup(b -> b.replicationGroupId(prod).engine("valkey").engineVersion("8.0")
                .applyImmediately(false));

        AwsServiceException e = assertThrows(AwsServiceException.class, () -> ec.modifyReplicationGroup(b -> b
                .replicationGroupId(prod).engine("redis").engineVersion("7.0.7").applyImmediately(false)));

        assertEquals("InvalidParameterCombination", e.awsErrorDetails().errorCode());
        assertTrue(members(ec).stream().allMatch(m -> "8.0.1".equals(m.pendingModifiedValues().engineVersion())));
        time.advance(Duration.ofDays(7));
        assertEquals("valkey", group(ec, prod).engine());
    }

    @Test
    void insideTheWindowAQueuedUpgradeStartsAtOnce() {
        SimulatedElastiCache ec = client("prod");
        ec.modifyReplicationGroup(b -> b.replicationGroupId("goorm-popcorn-cache-prod").engine("valkey")
                .engineVersion("8.0").applyImmediately(false));
        time.advance(Duration.ofMinutes(2));
        assertEquals("modifying", group(ec, "goorm-popcorn-cache-prod").status(), "04:30 is inside sun:04:00-06:00");
    }

    @Test
    void snapshotFailsDrillEndsTheSnapshotFailedWithAnEvent() {
        SimulatedElastiCache ec = client("dev", Fault.SNAPSHOT_FAILS);
        ec.createSnapshot(b -> b.replicationGroupId(DEV).snapshotName("pre"));
        time.advance(Duration.ofMinutes(3));
        assertEquals("failed", snapshot(ec, "pre").snapshotStatus());
        assertEquals("available", group(ec, DEV).status());
        assertEquals("Snapshot failed for snapshot named pre of replication group " + DEV + ".",
                ec.describeEvents(b -> b.sourceIdentifier(DEV)).events().get(0).message());
    }

    @Test
    void upgradeFailsDrillLeavesTheGroupOnRedis() {
        SimulatedElastiCache ec = client("dev", Fault.UPGRADE_FAILS);
        modifyToValkey(ec, null, true);
        time.advance(Duration.ofMinutes(20));
        assertEquals("available", group(ec, DEV).status());
        assertEquals("redis", group(ec, DEV).engine());
        assertEquals("7.0.7", members(ec).get(0).engineVersion());
        assertTrue(ec.describeEvents(b -> b.sourceIdentifier(DEV)).events().get(0).message()
                .startsWith("Failed to modify replication group " + DEV));
    }

    @Test
    void slowUpgradeDrillOutlastsTheUpgradeTimeout() {
        SimulatedElastiCache ec = client("dev", Fault.SLOW_UPGRADE);
        modifyToValkey(ec, null, true);
        time.advance(Duration.ofMinutes(61));
        assertEquals("modifying", group(ec, DEV).status());
        time.advance(Duration.ofMinutes(15));
        assertEquals("available", group(ec, DEV).status());
        assertEquals("valkey", group(ec, DEV).engine());
    }

    @Test
    void throttlingDrillRefusesCallsForAMinuteAfterRetryingLikeTheSdk() {
        SimulatedElastiCache ec = client("dev", Fault.THROTTLING);
        group(ec, DEV);
        long before = time.sleeps;
        var e = assertThrows(AwsServiceException.class,
                () -> ec.createSnapshot(b -> b.replicationGroupId(DEV).snapshotName("pre")));
        assertEquals("Throttling", e.awsErrorDetails().errorCode());
        assertTrue(e.isThrottlingException());
        assertEquals(2, time.sleeps - before, "two backoffs between three attempts");
        time.advance(Duration.ofSeconds(60));
        ec.createSnapshot(b -> b.replicationGroupId(DEV).snapshotName("pre"));
        assertEquals("snapshotting", group(ec, DEV).status());
    }
}
