package dev.runbook.action.elasticache;

import static dev.runbook.aws.ElastiCacheXml.cluster;
import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.event;
import static dev.runbook.aws.ElastiCacheXml.events;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runbook.action.Outcome;
import dev.runbook.action.guard.InPlaceSettings;
import dev.runbook.action.guard.RollbackFeasibility;
import dev.runbook.aws.AwsWireTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-only checks and guards over the real SDK client against a local Query-protocol endpoint. */
class ChecksWireTest extends AwsWireTest {

    @Test
    void eventsComeFromBothSourcesAcrossPagesOldestFirst() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeEvents",
                events("next-1", event(G, "replication-group", "Modifying engine version to 8.0", "2026-11-29T04:00:00Z")),
                events(null, event(G, "replication-group", "Finished modifying", "2026-11-29T04:12:00Z")),
                events(null, event(M, "cache-cluster", "Node 0001 upgraded", "2026-11-29T04:11:00Z"),
                        event("someone-elses-cluster-001", "cache-cluster", "Not ours", "2026-11-29T04:05:00Z")));
        Outcome o = new ReadEvents(G, Duration.ofHours(2)).execute(ctx);
        assertEquals("3", o.facts().get("count"));
        assertEquals("3 event(s) of " + G + " in the last 2h00m:\n"
                + "2026-11-29T04:00:00Z " + G + " (replication-group): Modifying engine version to 8.0\n"
                + "2026-11-29T04:11:00Z " + M + " (cache-cluster): Node 0001 upgraded\n"
                + "2026-11-29T04:12:00Z " + G + " (replication-group): Finished modifying", o.summary());
        var sent = server.requests("DescribeEvents");
        assertEquals("replication-group", sent.get(0).params().get("SourceType"));
        assertEquals(G, sent.get(0).params().get("SourceIdentifier"));
        assertEquals("2026-11-29T02:30:00Z", sent.get(0).params().get("StartTime"));
        assertEquals("next-1", sent.get(1).params().get("Marker"));
        assertEquals("cache-cluster", sent.get(2).params().get("SourceType"));
        assertNull(sent.get(2).params().get("SourceIdentifier"));
    }

    @Test
    void pendingChangesAreNamedPerMember() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7")
                .replace("<PendingModifiedValues>", "<PendingModifiedValues><CacheNodeType>cache.t4g.small</CacheNodeType>"));
        Outcome o = new CheckPendingModifications(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("Pending on " + G + ": " + M + ": node type → cache.t4g.small. Let it apply (or cancel it) before"
                + " the upgrade, then retry.", o.summary());
    }

    @Test
    void rollbackIsFeasibleOnlyWithAnAvailableSnapshot() throws Exception {
        String name = G + "-pre-valkey-20261129-0430";
        ctx.facts.put("snapshot-name", name);
        server.onElastiCache("DescribeSnapshots", snapshots(null, snapshot(name, "manual", "available",
                "2026-11-29T04:30:05Z")));
        Outcome o = new RollbackFeasibility(G).execute(ctx);
        assertEquals("Snapshot " + name + " is available: the only rollback is restoring it into the new group " + G
                + "-rollback and repointing the clients (the restore-snapshot step).", o.summary());
        assertEquals(List.of("The guide's rollback `terraform apply -var=elasticache_engine_version=7.0` would replace"
                + " the group (an engine downgrade is ForceNew in the AWS provider): data loss. Do not use it."),
                o.warnings());
        assertEquals(name, server.requests("DescribeSnapshots").get(0).params().get("SnapshotName"));
    }

    @Test
    void withoutASnapshotThereIsNoWayBack() throws Exception {
        server.onError("DescribeSnapshots", 404, "SnapshotNotFoundFault", "Snapshot not found");
        ctx.facts.put("snapshot-name", G + "-pre-valkey-20261129-0430");
        Outcome o = new RollbackFeasibility(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("No available manual snapshot " + G + "-pre-valkey-20261129-0430: there would be no way back from"
                + " Valkey 8.0. Run the manual-snapshot step first.", o.summary());
    }

    @Test
    void inPlaceSettingsReadTheDescribedGroup() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available").replace(
                "<AtRestEncryptionEnabled>true", "<AtRestEncryptionEnabled>false")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        Outcome o = new InPlaceSettings(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("At-rest encryption is off but the target wants it on: it cannot change in place (Terraform would"
                + " replace the group and lose its data). Set at-rest-encryption = false in application.conf, or"
                + " migrate to a new group.", o.summary());
    }
}
