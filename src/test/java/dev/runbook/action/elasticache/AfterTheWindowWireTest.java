package dev.runbook.action.elasticache;

import static dev.runbook.aws.ElastiCacheXml.group;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.aws.AwsWireTest;
import dev.runbook.aws.QueryProtocolServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The after-the-window calls over the SDK's real HTTP stack against a local Query-protocol endpoint: Modify
 * TransitEncryptionMode=required, DeleteReplicationGroup, DeleteSnapshot — the requests as sent, an endpoint that
 * answers 500, and answers that leave a field out (no TransitEncryptionMode, no snapshot time).
 */
class AfterTheWindowWireTest extends AwsWireTest {
    static final String R = G + "-rollback";

    /** The dev group on valkey with TLS on; {@code mode} null leaves TransitEncryptionMode out of the answer. */
    static String tlsGroup(String status, String mode) {
        return group(G, status, "valkey", List.of(M), "disabled", "disabled", true, true).replace(
                "<TransitEncryptionEnabled>true</TransitEncryptionEnabled>", "<TransitEncryptionEnabled>true"
                        + "</TransitEncryptionEnabled>" + (mode == null ? "" : "<TransitEncryptionMode>" + mode
                        + "</TransitEncryptionMode>"));
    }

    @Test
    void requireSendsModeRequiredWithApplyImmediatelyAndWaitsUntilTheGroupSaysSo() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(tlsGroup("available", "preferred")),
                groups(tlsGroup("modifying", "preferred")), groups(tlsGroup("available", "required")));
        server.onElastiCache("ModifyReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + G
                + "</ReplicationGroupId></ReplicationGroup>");
        Outcome o = new RequireTransitEncryption(G).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals("In-transit encryption of " + G + " is required: plain-text clients are refused from now on",
                o.summary());
        assertEquals("required", o.facts().get("transit-encryption-mode"));
        Map<String, String> sent = server.requests("ModifyReplicationGroup").get(0).params();
        assertEquals(Map.of("Action", "ModifyReplicationGroup", "Version", "2015-02-02", "ReplicationGroupId", G,
                "TransitEncryptionEnabled", "true", "TransitEncryptionMode", "required", "ApplyImmediately", "true"),
                sent);
    }

    @Test
    void requireIsRefusedWithNothingSentWhenTheGroupIsNotInPreferredMode() throws Exception {
        server.onElastiCache("DescribeReplicationGroups",
                groups(group(G, "available", "valkey", List.of(M), "disabled", "disabled", true, false)));
        Outcome o = new RequireTransitEncryption(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().startsWith("Refused, nothing sent: in-transit encryption of " + G + " is off, not"
                + " preferred."), o.summary());
        assertEquals(List.of(), server.requests("ModifyReplicationGroup"));
    }

    @Test
    void anAnswerWithoutTransitEncryptionModeIsUnknownNeverGuessedAndNothingIsSent() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(tlsGroup("available", null)));
        Outcome o = new RequireTransitEncryption(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().contains("is unknown, not preferred"), o.summary());
        assertEquals(List.of(), server.requests("ModifyReplicationGroup"));
        Outcome check = new CheckTransitEncryption(G, "preferred").execute(ctx);
        assertEquals(G + ": in-transit encryption unknown, expected preferred", check.summary());
    }

    @Test
    void aServerErrorOnTheTlsChangeSaysItMayHaveBeenApplied() {
        server.onElastiCache("DescribeReplicationGroups", groups(tlsGroup("available", "preferred")));
        server.on("ModifyReplicationGroup", Reply.xml(500, server.error("InternalFailure", "internal error")));
        ActionException e = assertThrows(ActionException.class, () -> new RequireTransitEncryption(G).execute(ctx));
        assertTrue(e.getMessage().startsWith("AWS answered HTTP 500 (InternalFailure) when trying to require"
                + " in-transit encryption on " + G), e.getMessage());
        assertTrue(e.getMessage().contains("MAY HAVE BEEN APPLIED"), e.getMessage());
        assertEquals(500, e.httpStatus());
    }

    @Test
    void deleteRollbackGroupSendsOnlyThatIdAndWaitsUntilAwsNoLongerKnowsIt() throws Exception {
        String rollback = group(R, "available", "redis", List.of(R + "-001"), "disabled", "disabled", true, false);
        server.onElastiCache("DescribeReplicationGroups", groups(rollback),
                groups(rollback.replace("<Status>available</Status>", "<Status>deleting</Status>")));
        server.onError("DescribeReplicationGroups", 404, "ReplicationGroupNotFoundFault", "not found");
        server.onElastiCache("DeleteReplicationGroup", rollback);
        Outcome o = new DeleteRollbackGroup(G, R).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals("Deleted " + R + " (redis, 1 node(s) cache.t4g.micro); " + G + " was not touched", o.summary());
        assertEquals(Map.of("Action", "DeleteReplicationGroup", "Version", "2015-02-02", "ReplicationGroupId", R,
                "RetainPrimaryCluster", "false"), server.requests("DeleteReplicationGroup").get(0).params());
        assertEquals(1, server.requests("DeleteReplicationGroup").size());
    }

    @Test
    void noRollbackGroupIsNothingToDelete() throws Exception {
        server.onError("DescribeReplicationGroups", 404, "ReplicationGroupNotFoundFault", "not found");
        Outcome o = new DeleteRollbackGroup(G, R).execute(ctx);
        assertEquals("Nothing to delete: there is no " + R + " (no rollback created one)", o.summary());
        assertEquals(List.of(), server.requests("DeleteReplicationGroup"));
    }

    @Test
    void aServerErrorOnDeleteReplicationGroupSaysItMayHaveBeenApplied() {
        server.onElastiCache("DescribeReplicationGroups",
                groups(group(R, "available", "redis", List.of(R + "-001"), "disabled", "disabled", true, false)));
        server.on("DeleteReplicationGroup", Reply.xml(500, server.error("InternalFailure", "internal error")));
        ActionException e = assertThrows(ActionException.class, () -> new DeleteRollbackGroup(G, R).execute(ctx));
        assertTrue(e.getMessage().startsWith("AWS answered HTTP 500 (InternalFailure) when trying to delete " + R),
                e.getMessage());
        assertTrue(e.getMessage().contains("MAY HAVE BEEN APPLIED"), e.getMessage());
    }

    private static String preValkey(String stamp, String status, String takenAt) {
        return snapshot(G + "-pre-valkey-" + stamp, "manual", status, takenAt);
    }

    @Test
    void deleteSnapshotsDeletesEachPreMigrationSnapshotOlderThanTheGracePeriodAndNothingElse() throws Exception {
        // ctx's clock: 2026-11-29T04:30Z; grace 14d
        server.onElastiCache("DescribeSnapshots", snapshots(null, preValkey("20261101-0400", "available",
                        "2026-11-01T04:00:00Z"), preValkey("20261110-0400", "available", "2026-11-10T04:00:00Z"),
                snapshot("automatic." + G + "-2026-11-28", "automated", "available", "2026-11-28T03:00:00Z"),
                snapshot(G + "-keep-me", "manual", "available", "2026-10-01T03:00:00Z")),
                snapshots(null, snapshot("automatic." + G + "-2026-11-28", "automated", "available",
                        "2026-11-28T03:00:00Z")));
        server.onElastiCache("DeleteSnapshot", "<Snapshot><SnapshotName>x</SnapshotName></Snapshot>");
        Outcome o = new DeletePreMigrationSnapshots(G).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals(List.of(G + "-pre-valkey-20261101-0400", G + "-pre-valkey-20261110-0400"),
                server.requests("DeleteSnapshot").stream().map(r -> r.params().get("SnapshotName")).toList());
        assertEquals(G + "-pre-valkey-20261101-0400," + G + "-pre-valkey-20261110-0400",
                o.facts().get("deleted-snapshots"));
    }

    @Test
    void aSnapshotYoungerThanTheGracePeriodRefusesTheStepWithNothingDeleted() throws Exception {
        server.onElastiCache("DescribeSnapshots", snapshots(null, preValkey("20261101-0400", "available",
                "2026-11-01T04:00:00Z"), preValkey("20261125-0400", "available", "2026-11-25T04:00:00Z")));
        Outcome o = new DeletePreMigrationSnapshots(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals("Refused, nothing deleted: " + G + "-pre-valkey-20261125-0400 (4d 0h old) is younger than"
                + " cleanup.grace-period (14d). Run the clean-up again once it is older, or shorten the grace period in"
                + " the settings if the team is sure", o.summary());
        assertEquals(List.of(), server.requests("DeleteSnapshot"));
    }

    @Test
    void aSnapshotWithoutATimeIsOfUnknownAgeAndRefused() throws Exception {
        String noTime = preValkey("20261101-0400", "available", "X").replace("<SnapshotCreateTime>X"
                + "</SnapshotCreateTime>", "");
        server.onElastiCache("DescribeSnapshots", snapshots(null, noTime));
        Outcome o = new DeletePreMigrationSnapshots(G).execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().contains("(of unknown age: AWS sent no snapshot time)"), o.summary());
        assertEquals(List.of(), server.requests("DeleteSnapshot"));
    }

    @Test
    void aServerErrorOnDeleteSnapshotSaysItMayHaveBeenApplied() {
        server.onElastiCache("DescribeSnapshots", snapshots(null, preValkey("20261101-0400", "available",
                "2026-11-01T04:00:00Z")));
        server.on("DeleteSnapshot", Reply.xml(500, server.error("InternalFailure", "internal error")));
        ActionException e = assertThrows(ActionException.class, () -> new DeletePreMigrationSnapshots(G).execute(ctx));
        assertTrue(e.getMessage().startsWith("AWS answered HTTP 500 (InternalFailure) when trying to delete the"
                + " snapshot " + G + "-pre-valkey-20261101-0400"), e.getMessage());
    }

    @Test
    void leftoversWithoutASnapshotSizeSayTheCostIsUnknownNotZero() throws Exception {
        server.onElastiCache("DescribeReplicationGroups", groups(tlsGroup("available", "preferred")));
        server.onElastiCache("DescribeSnapshots", snapshots(null, preValkey("20261101-0400", "available",
                "2026-11-01T04:00:00Z")));
        Outcome o = new Leftovers(G, R, "before").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status());
        assertEquals("none", o.facts().get("leftover-group"));
        assertEquals(G + "-pre-valkey-20261101-0400", o.facts().get("leftover-snapshots"));
        assertEquals("unknown (not in prices)", o.facts().get("snapshots-monthly-cost"));
        assertTrue(o.summary().contains("(size unknown, unknown (not in prices)/month)"), o.summary());
    }

    @Test
    void theInventoryAfterFailsWhenSomethingThatIsNotALeftoverHasGone() throws Exception {
        ctx.facts.put("inventory-groups", G + "," + R + ",other-cache");
        ctx.facts.put("inventory-snapshots", G + "-pre-valkey-20261101-0400");
        ctx.facts.put("leftover-group", R);
        ctx.facts.put("leftover-snapshots", G + "-pre-valkey-20261101-0400");
        server.onElastiCache("DescribeReplicationGroups", groups(tlsGroup("available", "required")));
        server.onElastiCache("DescribeSnapshots", snapshots(null));
        Outcome o = new Leftovers(G, R, "after").execute(ctx);
        assertEquals(Outcome.Status.FAILED, o.status());
        assertTrue(o.summary().startsWith("Something else is gone since the inventory: other-cache (not a leftover of"
                + " this clean-up: check who deleted it). Deleted by this run: " + R + ", " + G
                + "-pre-valkey-20261101-0400."), o.summary());
        assertEquals("other-cache", o.facts().get("gone-otherwise"));
    }
}
