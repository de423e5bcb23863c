package dev.runbook.action.elasticache;

import static dev.runbook.aws.ElastiCacheXml.cluster;
import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.group;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.aws.AwsWireTest;
import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.QueryProtocolServer.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What AWS did not say, or said badly, over the SDK's real HTTP stack against a local endpoint: a snapshot
 * without node snapshot times reads "unknown" (never 1970), a 5xx on a change says it may have been applied
 * and keeps status and request id, and one CacheClusterNotFound while nodes are replaced does not end the wait.
 */
class UnsaidValuesWireTest extends AwsWireTest {

    /** A snapshot as AWS may send it while it is being taken or copied: no NodeSnapshots at all. */
    private static String withoutNodeSnapshots(String name, String source) {
        return snapshot(name, source, "available", "2026-11-29T04:00:00Z")
                .replaceAll("<NodeSnapshots>.*</NodeSnapshots>", "");
    }

    @Test
    void aSnapshotWithoutNodeSnapshotTimesHasAnUnknownAgeAndFailsTheCheckInsteadOfInventingOne() throws Exception {
        String name = "automatic." + G + "-2026-11-29-03-00";
        server.onElastiCache("DescribeSnapshots", snapshots(null, withoutNodeSnapshots(name, "automated")));
        Outcome o = new CheckSnapshots(G, Duration.ofHours(24)).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("newest snapshot " + name + " is of unknown age (AWS sent no node snapshot time): cannot tell"
                + " whether it is within 24h00m; check it with aws elasticache describe-snapshots, or take a fresh one,"
                + " then retry.", o.summary());
        assertEquals(name + " (of unknown age (AWS sent no node snapshot time))", o.facts().get("newest-automated"));
        assertFalse(String.valueOf(o.facts()).contains("h48m") || o.summary().contains("1970"), o.toString());
    }

    @Test
    void aSnapshotTakenWithoutNodeSnapshotTimesSaysItWasTakenAtAnUnknownTime() throws Exception {
        String name = G + "-pre-valkey-20261129-0430";
        server.onElastiCache("DescribeSnapshots", snapshots(null));
        server.onElastiCache("DescribeSnapshots", snapshots(null, withoutNodeSnapshots(name, "manual")));
        server.onElastiCache("CreateSnapshot", withoutNodeSnapshots(name, "manual"));
        Outcome o = new CreateSnapshot(G).execute(ctx);
        assertEquals("Took manual snapshot " + name + ", available, taken at an unknown time (AWS sent no node"
                + " snapshot time)", o.summary());
        assertFalse(o.summary().contains("1970"));
    }

    @Test
    void aServerErrorOnTheEngineChangeSaysItMayHaveBeenAppliedWithStatusAndRequestId() {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        server.on("ModifyReplicationGroup", Reply.xml(500, server.error("InternalFailure", "internal error")));
        ActionException e = assertThrows(ActionException.class,
                () -> new UpgradeEngine(G, "valkey", "8.0", "default.valkey8", true).execute(ctx));
        assertTrue(e.getMessage().startsWith("AWS answered HTTP 500 (InternalFailure) when trying to upgrade " + G
                + " to valkey 8.0 (request id "), e.getMessage());
        assertTrue(e.getMessage().contains("the change MAY HAVE BEEN APPLIED anyway. Check " + G), e.getMessage());
        assertTrue(e.getMessage().endsWith("before retrying the step."), e.getMessage());
        assertEquals(500, e.httpStatus());
        assertEquals("InternalFailure", e.errorCode());
        assertTrue(e.requestId() != null && e.requestId().startsWith("err-"), e.requestId());
        assertTrue(e.getMessage().contains("(request id " + e.requestId() + ")"), e.getMessage());
    }

    @Test
    void anErrorPageOnAChangeIsJournaledAsItsHttpStatus() {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        server.on("ModifyReplicationGroup", Reply.html(502, "<html>Bad Gateway</html>"));
        ActionException e = assertThrows(ActionException.class,
                () -> new UpgradeEngine(G, "valkey", "8.0", "default.valkey8", true).execute(ctx));
        assertEquals("HTTP 502", e.errorCode());
        assertEquals(502, e.httpStatus());
        assertTrue(e.getMessage().contains("MAY HAVE BEEN APPLIED"), e.getMessage());
    }

    @Test
    void oneCacheClusterNotFoundDuringTheUpgradeWaitIsPolledAgainNotAFailure() throws Exception {
        ctx.facts.put("upgrade-requested-at", ctx.time.now().toString());
        server.onElastiCache("DescribeReplicationGroups",
                groups(group(G, "modifying", "redis", List.of(M), "disabled", "disabled", true, false)),
                groups(group(G, "available", "valkey", List.of(M), "disabled", "disabled", true, false)));
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "redis", "7.0.7", null, "default.redis7"));
        server.onError("DescribeCacheClusters", 404, "CacheClusterNotFound", "CacheCluster not found");
        server.onElastiCache("DescribeCacheClusters", cluster(M, G, "valkey", "8.0.1", null, "default.valkey8"));
        server.onElastiCache("DescribeEvents", ElastiCacheXml.events(null));
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals(M + "=8.0.1", o.facts().get("member-versions-after"));
        assertTrue(ctx.log.stream().anyMatch(l -> l.startsWith("a member of " + G + " was not found for a moment"
                + " (CacheClusterNotFound, request id err-")), ctx.log::toString);
    }
}
