package dev.runbook.action.elasticache;

import static dev.runbook.aws.ElastiCacheXml.cluster;
import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.aws.AwsWireTest;
import dev.runbook.aws.QueryProtocolServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ElastiCache actions over the real SDK client against a local Query-protocol endpoint. */
class ElastiCacheWireTest extends AwsWireTest {

    private void devGroupRunning(String engine, String version) {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, engine, version, null, "default.redis7"));
    }

    @Test
    void describeRecordsTheGroupAndItsMembersVersions() throws Exception {
        devGroupRunning("redis", "7.0.7");
        Outcome o = ctx.run(new DescribeReplicationGroup(G, "redis", "7.0"));
        assertEquals(Outcome.Status.SUCCEEDED, o.status());
        assertEquals(G + ": available, redis 7.0.7, 1 node(s) cache.t4g.micro", o.summary());
        assertEquals("7.0.7", o.facts().get("engine-version"));
        assertEquals(M + "=7.0.7", o.facts().get("member-versions"));
        assertEquals(G + ".abc123.ng.0001.apn2.cache.amazonaws.com:6379", o.facts().get("primary-endpoint"));
        assertEquals("disabled", o.facts().get("multi-az"));
        assertEquals("true", o.facts().get("at-rest-encryption"));
        assertEquals("default.redis7", o.facts().get("parameter-group"));
        var describe = server.requests("DescribeReplicationGroups").get(0).params();
        assertEquals(Map.of("Action", "DescribeReplicationGroups", "Version", "2015-02-02", "ReplicationGroupId", G),
                describe);
        var members = server.requests("DescribeCacheClusters").get(0).params();
        assertEquals(M, members.get("CacheClusterId"));
        assertEquals("true", members.get("ShowCacheNodeInfo"));
        assertEquals(2, o.requestIds().size());
    }

    @Test
    void describeFailsWhenAMemberRunsAnotherVersion() throws Exception {
        devGroupRunning("redis", "6.2.6");
        Outcome o = new DescribeReplicationGroup(G, "redis", "7.0").execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals(G + ": available, redis 6.2.6, 1 node(s) cache.t4g.micro — a member runs 6.2.6, expected 7.0.x",
                o.summary());
    }

    @Test
    void aMissingGroupIsOneOperatorSentenceWithCodeAndRequestId() {
        server.onError("DescribeReplicationGroups", 404, "ReplicationGroupNotFoundFault", "ReplicationGroup not found");
        ActionException e = assertThrows(ActionException.class,
                () -> new DescribeReplicationGroup(G, "redis", "7.0").execute(ctx));
        assertEquals("Replication group " + G + " was not found: check replication-group-id in application.conf and"
                + " the AWS region/profile, then retry.", e.getMessage());
        assertEquals("ReplicationGroupNotFoundFault", e.errorCode());
        assertEquals("err-1", e.requestId());
    }

    @Test
    void throttlingIsRetriedByTheSdkAndThenSucceeds() throws Exception {
        server.onError("DescribeReplicationGroups", 400, "Throttling", "Rate exceeded");
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        Outcome o = new DescribeReplicationGroup(G, "redis", "7.0").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status());
        assertEquals(2, server.requests("DescribeReplicationGroups").size());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsReported() {
        server.onError("DescribeReplicationGroups", 400, "Throttling", "Rate exceeded");
        ActionException e = assertThrows(ActionException.class,
                () -> new DescribeReplicationGroup(G, "redis", "7.0").execute(ctx));
        assertEquals("AWS kept throttling the calls to describe replication group " + G + " after the SDK's retries:"
                + " wait a minute, then retry the step.", e.getMessage());
        assertEquals(4, server.requests("DescribeReplicationGroups").size(), "one try and the SDK's three retries");
    }

    @Test
    void anHtmlErrorPageDoesNotCrashTheStep() {
        server.on("DescribeReplicationGroups", Reply.html(503, "<html><body><h1>503 Service Unavailable</h1></body></html>"));
        ActionException e = assertThrows(ActionException.class,
                () -> new DescribeReplicationGroup(G, "redis", "7.0").execute(ctx));
        assertEquals("The AWS endpoint answered HTTP 503 with an error page instead of an AWS response when trying to"
                + " describe replication group " + G + ": AWS or a proxy in between may be degraded; retry in a few"
                + " minutes.", e.getMessage());
    }

    @Test
    void snapshotsAreReadAcrossPages() throws Exception {
        server.onElastiCache("DescribeSnapshots", snapshots("page-2",
                snapshot("automatic." + G + "-2026-11-28-03-00", "automated", "available", "2026-11-28T03:10:00Z")));
        server.onElastiCache("DescribeSnapshots", snapshots(null,
                snapshot(G + "-pre-valkey-20261129-0400", "manual", "available", "2026-11-29T04:00:00Z")));
        Outcome o = new CheckSnapshots(G, java.time.Duration.ofHours(24)).execute(ctx);
        assertEquals("newest snapshot " + G + "-pre-valkey-20261129-0400 is 30m00s old (max 24h00m)", o.summary());
        assertEquals("automatic." + G + "-2026-11-28-03-00 (25h20m old)", o.facts().get("newest-automated"));
        var second = server.requests("DescribeSnapshots").get(1).params();
        assertEquals("page-2", second.get("Marker"));
        assertEquals(G, second.get("ReplicationGroupId"));
    }

    @Test
    void snapshotCheckFailsWhenTheNewestIsTooOld() throws Exception {
        server.onElastiCache("DescribeSnapshots", snapshots(null,
                snapshot("automatic." + G + "-2026-11-27-03-00", "automated", "available", "2026-11-27T03:10:00Z")));
        Outcome o = new CheckSnapshots(G, java.time.Duration.ofHours(24)).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("newest snapshot automatic." + G + "-2026-11-27-03-00 is 49h20m old, older than 24h00m: take a"
                + " fresh one, then retry.", o.summary());
    }

    @Test
    void createSnapshotNamesItByTheMinuteAndWaitsUntilAvailable() throws Exception {
        String name = G + "-pre-valkey-20261129-0430";
        server.onElastiCache("DescribeSnapshots", snapshots(null),
                snapshots(null, snapshot(name, "manual", "creating", "2026-11-29T04:30:05Z")));
        server.onElastiCache("DescribeSnapshots", snapshots(null, snapshot(name, "manual", "available",
                "2026-11-29T04:30:05Z")));
        server.onElastiCache("CreateSnapshot", snapshot(name, "manual", "creating", "2026-11-29T04:30:05Z"));
        Outcome o = new CreateSnapshot(G).execute(ctx);
        assertEquals("Took manual snapshot " + name + ", available, taken 2026-11-29T04:30:05Z", o.summary());
        assertEquals(name, o.facts().get("snapshot-name"));
        assertEquals(Map.of("Action", "CreateSnapshot", "Version", "2015-02-02", "ReplicationGroupId", G,
                "SnapshotName", name), server.requests("CreateSnapshot").get(0).params());
        assertEquals(name, server.requests("DescribeSnapshots").get(2).params().get("SnapshotName"));
    }

    @Test
    void createSnapshotReusesAnAvailableOneOfTheLastHour() throws Exception {
        String name = G + "-pre-valkey-20261129-0410";
        server.onElastiCache("DescribeSnapshots", snapshots(null, snapshot(name, "manual", "available",
                "2026-11-29T04:10:30Z")));
        Outcome o = new CreateSnapshot(G).execute(ctx);
        assertEquals("Reused manual snapshot " + name + ", available, taken 2026-11-29T04:10:30Z", o.summary());
        assertEquals(List.of(), server.requests("CreateSnapshot"));
    }

    @Test
    void upgradeSendsEngineVersionParameterGroupAndApplyImmediately() throws Exception {
        devGroupRunning("redis", "7.0.7");
        server.onElastiCache("ModifyReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + G
                + "</ReplicationGroupId><Status>modifying</Status></ReplicationGroup>");
        Outcome o = new UpgradeEngine(G, "valkey", "8.0", "default.valkey8", true).execute(ctx);
        assertEquals("Upgrade of " + G + " to valkey 8.0 requested at 2026-11-29T04:30:00Z; AWS applies it now",
                o.summary());
        assertEquals("2026-11-29T04:30:00Z", o.facts().get("upgrade-requested-at"));
        assertEquals(Map.of("Action", "ModifyReplicationGroup", "Version", "2015-02-02", "ReplicationGroupId", G,
                "Engine", "valkey", "EngineVersion", "8.0", "CacheParameterGroupName", "default.valkey8",
                "ApplyImmediately", "true"), server.requests("ModifyReplicationGroup").get(0).params());
    }

    @Test
    void upgradeRefusedForTheParameterFamilyNamesTheFix() {
        devGroupRunning("redis", "7.0.7");
        server.onError("ModifyReplicationGroup", 400, "InvalidParameterCombination",
                "Expected a parameter group of family valkey8 but found redis7");
        ActionException e = assertThrows(ActionException.class,
                () -> new UpgradeEngine(G, "valkey", "8.0", "default.redis7", true).execute(ctx));
        assertEquals("AWS rejected the parameters to upgrade " + G + " to valkey 8.0 (InvalidParameterCombination:"
                + " Expected a parameter group of family valkey8 but found redis7): fix the environment's settings in"
                + " application.conf, then retry.", e.getMessage());
    }

    @Test
    void aBusyGroupRefusesTheUpgradeWithWhatToDo() {
        devGroupRunning("redis", "7.0.7");
        server.onError("ModifyReplicationGroup", 400, "InvalidReplicationGroupState",
                "Replication group must be in available state");
        ActionException e = assertThrows(ActionException.class,
                () -> new UpgradeEngine(G, "valkey", "8.0", "default.valkey8", true).execute(ctx));
        assertEquals(G + " is busy (another change or a snapshot is in progress), so AWS refused to upgrade " + G
                + " to valkey 8.0: wait until its status is available, then retry the step.", e.getMessage());
    }

    @Test
    void targetParameterGroupIsCheckedAgainstTheEngineFamily() throws Exception {
        server.onElastiCache("DescribeCacheEngineVersions", dev.runbook.aws.ElastiCacheXml.valkey8EngineVersion());
        server.onElastiCache("DescribeCacheParameterGroups",
                dev.runbook.aws.ElastiCacheXml.parameterGroup("default.valkey8", "valkey8"));
        devGroupRunning("redis", "7.0.7");
        Outcome o = new CheckTargetParameterGroup(G, "valkey", "8.0", "default.valkey8").execute(ctx);
        assertEquals("Parameter group default.valkey8 exists, family valkey8 (source default.redis7)", o.summary());
        var versions = server.requests("DescribeCacheEngineVersions").get(0).params();
        assertEquals("valkey", versions.get("Engine"));
        assertEquals("8.0", versions.get("EngineVersion"));
        assertEquals("default.valkey8",
                server.requests("DescribeCacheParameterGroups").get(0).params().get("CacheParameterGroupName"));
    }

    @Test
    void addReplicasAsksForTheMissingReplicasAndWaits() throws Exception {
        String two = dev.runbook.aws.ElastiCacheXml.group(G, "available", "redis", List.of(M, G + "-002"), "disabled",
                "disabled", true, false);
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")), groups(devGroup("modifying")));
        server.onElastiCache("DescribeReplicationGroups", groups(two));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        server.onElastiCache("IncreaseReplicaCount", "<ReplicationGroup><ReplicationGroupId>" + G
                + "</ReplicationGroupId><Status>modifying</Status></ReplicationGroup>");
        Outcome o = new AddReplicas(G, 2).execute(ctx);
        assertEquals(G + " grew from 1 to 2 node(s)", o.summary());
        assertEquals(Map.of("Action", "IncreaseReplicaCount", "Version", "2015-02-02", "ReplicationGroupId", G,
                "NewReplicaCount", "1", "ApplyImmediately", "true"), server.requests("IncreaseReplicaCount").get(0).params());
    }

    @Test
    void transitEncryptionIsTurnedOnInPreferredMode() throws Exception {
        String on = dev.runbook.aws.ElastiCacheXml.group(G, "available", "valkey", List.of(M), "disabled", "disabled",
                true, true).replace("</ReplicationGroup>", "<TransitEncryptionMode>preferred</TransitEncryptionMode>"
                + "</ReplicationGroup>");
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")), groups(devGroup("modifying")));
        server.onElastiCache("DescribeReplicationGroups", groups(on));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "valkey", "8.0.1", null, "default.valkey8"));
        server.onElastiCache("ModifyReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + G
                + "</ReplicationGroupId></ReplicationGroup>");
        Outcome o = new SetTransitEncryption(G, true).execute(ctx);
        assertEquals("In-transit encryption is on in preferred mode on " + G + ". Switch TransitEncryptionMode to"
                + " required only once every client connects with TLS; required in one step breaks clients without"
                + " TLS.", o.summary());
        var sent = server.requests("ModifyReplicationGroup").get(0).params();
        assertEquals("true", sent.get("TransitEncryptionEnabled"));
        assertEquals("preferred", sent.get("TransitEncryptionMode"));
        assertEquals("true", sent.get("ApplyImmediately"));
    }

    @Test
    void failoverAndMultiAzAreSentTogether() throws Exception {
        String two = dev.runbook.aws.ElastiCacheXml.group(G, "available", "redis", List.of(M, G + "-002"), "disabled",
                "disabled", true, false);
        server.onElastiCache("DescribeReplicationGroups", groups(two), groups(two.replace("<Status>available",
                "<Status>modifying")));
        server.onElastiCache("DescribeReplicationGroups", groups(two.replace(">disabled</Automatic", ">enabled</Automatic")
                .replace(">disabled</MultiAZ", ">enabled</MultiAZ")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        server.onElastiCache("ModifyReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + G
                + "</ReplicationGroupId></ReplicationGroup>");
        Outcome o = new EnableFailover(G, true, true).execute(ctx);
        assertEquals("Automatic failover enabled, Multi-AZ enabled on " + G, o.summary());
        var sent = server.requests("ModifyReplicationGroup").get(0).params();
        assertEquals("true", sent.get("AutomaticFailoverEnabled"));
        assertEquals("true", sent.get("MultiAZEnabled"));
    }

    @Test
    void restoreCreatesANewGroupFromTheSnapshotWithTheSourceNetwork() throws Exception {
        ctx.facts.put("snapshot-name", G + "-pre-valkey-20261129-0430");
        String rollback = dev.runbook.aws.ElastiCacheXml.group(G + "-rollback", "available", "redis",
                List.of(G + "-rollback-001"), "disabled", "disabled", true, false);
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available"))); // the source, on valkey
        server.onError("DescribeReplicationGroups", 404, "ReplicationGroupNotFoundFault", "not found");
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")), groups(rollback
                .replace("<Status>available", "<Status>creating")));
        server.onElastiCache("DescribeReplicationGroups", groups(rollback));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "valkey", "8.0.1", null, "default.valkey8"));
        server.onElastiCache("CreateReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + G
                + "-rollback</ReplicationGroupId><Status>creating</Status></ReplicationGroup>");
        Outcome o = new RestoreSnapshot(G, G + "-rollback", "redis", "7.0", "cache.t4g.micro", 1).execute(ctx);
        assertEquals("Restored " + G + "-pre-valkey-20261129-0430 into " + G + "-rollback, available at " + G
                + "-rollback.abc123.ng.0001.apn2.cache.amazonaws.com:6379: repoint the clients to this endpoint (and"
                + " update Terraform state before the next apply).", o.summary());
        var sent = server.requests("CreateReplicationGroup").get(0).params();
        assertEquals(G + "-rollback", sent.get("ReplicationGroupId"));
        assertEquals(G + "-pre-valkey-20261129-0430", sent.get("SnapshotName"));
        assertEquals("redis", sent.get("Engine"));
        assertEquals("7.0", sent.get("EngineVersion"));
        assertEquals("popcorn-cache-subnets", sent.get("CacheSubnetGroupName"));
        assertEquals("sg-0abc", sent.get("SecurityGroupIds.SecurityGroupId.1"));
        assertEquals("true", sent.get("AtRestEncryptionEnabled"));
        assertEquals(G + "-rollback", o.facts().get("rollback-group"));
    }

    @Test
    void aRestoreResumedAfterItsCreateWaitsForTheExistingGroup() throws Exception {
        ctx.facts.put("snapshot-name", G + "-pre-valkey-20261129-0430");
        String rollback = dev.runbook.aws.ElastiCacheXml.group(G + "-rollback", "creating", "redis",
                List.of(G + "-rollback-001"), "disabled", "disabled", true, false);
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")), groups(rollback),
                groups(rollback), groups(rollback.replace("<Status>creating", "<Status>available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "valkey", "8.0.1", null, "default.valkey8"),
                cluster(G + "-rollback-001", G + "-rollback", "redis", "7.0.7",
                null, "default.redis7"));
        Outcome o = new RestoreSnapshot(G, G + "-rollback", "redis", "7.0", "cache.t4g.micro", 1).execute(ctx);
        assertEquals(G + "-rollback", o.facts().get("rollback-group"));
        assertEquals(List.of(), server.requests("CreateReplicationGroup"));
        assertEquals(G + "-rollback", server.requests("DescribeReplicationGroups").get(1).params()
                .get("ReplicationGroupId"));
    }

    @Test
    void noRestoreWhenTheGroupStillServesTheSourceEngine() throws Exception {
        ctx.facts.put("snapshot-name", G + "-pre-valkey-20261129-0430");
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        Outcome o = new RestoreSnapshot(G, G + "-rollback", "redis", "7.0", "cache.t4g.micro", 1).execute(ctx);
        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("No restore needed: " + G + " is available and still runs redis " + M + "=7.0.7, so the clients"
                + " keep using it. Find why the migration failed before trying again; the pre-migration snapshot"
                + " stays as it is.", o.summary());
        assertEquals(List.of(), server.requests("CreateReplicationGroup"));
    }

    @Test
    void aRestoredGroupWithTlsGetsTheSameAuthTokenAndPreviewsNeverShowIt() {
        var prod = ctx.settings.environment("prod");
        var restore = new RestoreSnapshot("goorm-popcorn-cache-prod", "goorm-popcorn-cache-prod-rollback", "redis", "7.0",
                "cache.t4g.small", 1);
        var req = restore.request(prod, "snap", null, java.util.Optional.of("s3cret-token-value"));
        assertEquals("s3cret-token-value", req.authToken());
        assertEquals(Boolean.TRUE, req.transitEncryptionEnabled());
        assertEquals(null, restore.request(ctx.settings.environment("dev"), "snap", null,
                java.util.Optional.of("s3cret-token-value")).authToken(), "no AUTH without TLS");
        ctx.environment = prod;
        String preview = String.join(" ", restore.preview(ctx).requests());
        assertTrue(preview.contains("AuthToken=****"), preview);
    }
}
