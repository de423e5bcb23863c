package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The lease through the SDK's real HTTP stack (query protocol, XML) against a local endpoint: take, confirm by
 * reading back, renew, release; a foreign unexpired lease refuses without writing; an expired one is taken
 * over; a lost race backs off; a missing permission is one sentence naming it.
 */
class GroupLeaseWireTest {
    static final String G = "goorm-popcorn-cache-dev";
    static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    static final LeaseValue MINE = new LeaseValue("20261201-093000-dev", "alice@bastion-1", NOW.plusSeconds(1800));
    static final LeaseValue THEIRS = new LeaseValue("20261201-090000-dev", "bob@bastion-2", NOW.plusSeconds(600));

    final QueryProtocolServer aws = QueryProtocolServer.start();
    final ElastiCacheClient client = aws.elastiCache();
    final GroupLease lease = new GroupLease(() -> client, G);

    @AfterEach
    void close() {
        client.close();
        aws.close();
    }

    private void group() {
        aws.onElastiCache("DescribeReplicationGroups", ElastiCacheXml.groups(ElastiCacheXml.devGroup("available")));
    }

    @Test
    void takesTheLeaseOnTheGroupsArnAndConfirmsItByReadingItBack() throws Exception {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags("team", "popcorn"),
                ElastiCacheXml.tags("team", "popcorn", LeaseValue.TAG, MINE.format()));
        aws.onElastiCache("AddTagsToResource", ElastiCacheXml.tags("team", "popcorn", LeaseValue.TAG, MINE.format()));

        GroupLease.Taken taken = assertInstanceOf(GroupLease.Taken.class, lease.take(MINE, NOW));

        assertEquals(MINE, taken.lease());
        assertNull(taken.replaced());
        assertEquals(List.of("DescribeReplicationGroups", "ListTagsForResource", "AddTagsToResource",
                "ListTagsForResource"), aws.requests().stream().map(QueryProtocolServer.Received::operation).toList());
        Map<String, String> add = aws.requests("AddTagsToResource").get(0).params();
        assertEquals(ElastiCacheXml.arn(G), add.get("ResourceName"));
        assertEquals("valkey-runbook:lock", add.get("Tags.Tag.1.Key"));
        assertEquals("20261201-093000-dev/alice@bastion-1/2026-12-01T10:00:00Z", add.get("Tags.Tag.1.Value"));
        assertEquals(ElastiCacheXml.arn(G), aws.requests("ListTagsForResource").get(0).params().get("ResourceName"));
    }

    @Test
    void renewingWritesALaterExpiryOverTheRunsOwnLease() throws Exception {
        group();
        LeaseValue renewed = new LeaseValue(MINE.runId(), MINE.holder(), NOW.plusSeconds(2400));
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, MINE.format()),
                ElastiCacheXml.tags(LeaseValue.TAG, renewed.format()));
        aws.onElastiCache("AddTagsToResource", ElastiCacheXml.tags(LeaseValue.TAG, renewed.format()));

        assertEquals(renewed, assertInstanceOf(GroupLease.Taken.class, lease.take(renewed, NOW.plusSeconds(600))).lease());
        assertEquals(renewed.format(), aws.requests("AddTagsToResource").get(0).params().get("Tags.Tag.1.Value"));
    }

    @Test
    void releaseRemovesOnlyTheRunsOwnLease() throws Exception {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, MINE.format()),
                ElastiCacheXml.tags(LeaseValue.TAG, THEIRS.format()));
        aws.onElastiCache("RemoveTagsFromResource", ElastiCacheXml.tags());

        assertTrue(lease.release(MINE.runId()));
        Map<String, String> remove = aws.requests("RemoveTagsFromResource").get(0).params();
        assertEquals(ElastiCacheXml.arn(G), remove.get("ResourceName"));
        assertEquals("valkey-runbook:lock", remove.get("TagKeys.member.1"));

        assertFalse(lease.release(MINE.runId()), "another run's lease is left alone");
        assertEquals(1, aws.requests("RemoveTagsFromResource").size());
    }

    @Test
    void anotherRunsUnexpiredLeaseRefusesWithoutWritingAnything() throws Exception {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, THEIRS.format()));

        GroupLease.Refused refused = assertInstanceOf(GroupLease.Refused.class, lease.take(MINE, NOW));

        assertEquals(THEIRS, refused.holder());
        assertEquals("run 20261201-090000-dev (bob@bastion-2), since 2026-12-01T09:00:00Z, until 2026-12-01T09:40:00Z",
                refused.holder().describe());
        assertTrue(aws.requests("AddTagsToResource").isEmpty());
    }

    @Test
    void anExpiredLeaseIsTakenOver() throws Exception {
        group();
        LeaseValue stale = new LeaseValue("20261130-220000-dev", "bob@bastion-2", NOW.minusSeconds(60));
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, stale.format()),
                ElastiCacheXml.tags(LeaseValue.TAG, MINE.format()));
        aws.onElastiCache("AddTagsToResource", ElastiCacheXml.tags(LeaseValue.TAG, MINE.format()));

        GroupLease.Taken taken = assertInstanceOf(GroupLease.Taken.class, lease.take(MINE, NOW));

        assertEquals(stale, taken.replaced());
        assertEquals(1, aws.requests("AddTagsToResource").size());
    }

    @Test
    void aLostRaceBacksOffWhenTheReadBackShowsAnotherRun() throws Exception {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(),
                ElastiCacheXml.tags(LeaseValue.TAG, THEIRS.format()));
        aws.onElastiCache("AddTagsToResource", ElastiCacheXml.tags(LeaseValue.TAG, MINE.format()));

        GroupLease.Lost lost = assertInstanceOf(GroupLease.Lost.class, lease.take(MINE, NOW));

        assertEquals(THEIRS, lost.winner());
        assertTrue(aws.requests("RemoveTagsFromResource").isEmpty(), "the winner's lease is not touched");
    }

    @Test
    void aMissingPermissionIsOneSentenceNamingIt() {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags());
        aws.onError("AddTagsToResource", 403, "AccessDenied", "User: arn:aws:iam::123456789012:user/oncall is not "
                + "authorized to perform: elasticache:AddTagsToResource");

        ActionException e = assertThrows(ActionException.class, () -> lease.take(MINE, NOW));

        assertEquals("The AWS identity may not tag " + G + " with the lease (AccessDenied): grant it"
                + " elasticache:AddTagsToResource on the replication group, then retry.", e.getMessage());
        assertEquals("AccessDenied", e.errorCode());
    }

    @Test
    void aMissingListPermissionNamesListTagsForResource() {
        group();
        aws.onError("ListTagsForResource", 403, "AccessDenied", "not authorized");

        ActionException e = assertThrows(ActionException.class, lease::current);

        assertTrue(e.getMessage().contains("grant it elasticache:ListTagsForResource"), e.getMessage());
    }

    @Test
    void aTagValueThatIsNotALeaseHoldsUntilItIsRemoved() throws Exception {
        group();
        aws.onElastiCache("ListTagsForResource", ElastiCacheXml.tags(LeaseValue.TAG, "someone was here"));

        GroupLease.Refused refused = assertInstanceOf(GroupLease.Refused.class, lease.take(MINE, NOW));

        assertEquals("run unknown (unreadable tag value 'someone was here'), since an unknown time, until it is"
                + " removed (unlock)", refused.holder().describe());
    }
}
