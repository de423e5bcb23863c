package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Live and dry-run backends: nothing is built until first use; the SDK's endpoint override still applies. */
class LiveBackendTest {
    @Test
    void buildsNoClientUntilFirstUse() {
        LiveBackend live = new LiveBackend("ap-northeast-2", "");
        assertFalse(live.built(ElastiCacheClient.class));
        assertFalse(live.built(CloudWatchClient.class));
        assertFalse(live.built(StsClient.class));
        live.elastiCache();
        assertTrue(live.built(ElastiCacheClient.class));
        assertFalse(live.built(CloudWatchClient.class));
        assertEquals(Mode.LIVE, live.mode());
        assertEquals("AWS ap-northeast-2", live.describe());
        live.close();
    }

    @Test
    void dryRunSendsReadsToTheConfiguredEndpointAndRefusesChangesUnsent() throws Exception {
        try (AwsStub aws = new AwsStub(404, "<ErrorResponse><Error><Type>Sender</Type>"
                + "<Code>ReplicationGroupNotFoundFault</Code><Message>ReplicationGroup g not found.</Message></Error>"
                + "<RequestId>req-1</RequestId></ErrorResponse>");
             DryRunBackend dry = new DryRunBackend("ap-northeast-2", "")) {
            assertThrows(DryRunRefusedException.class,
                    () -> dry.elastiCache().createSnapshot(b -> b.replicationGroupId("g").snapshotName("s")));
            assertFalse(dry.built(ElastiCacheClient.class), "a refused call builds no client");
            var e = assertThrows(ReplicationGroupNotFoundException.class,
                    () -> dry.elastiCache().describeReplicationGroups(b -> b.replicationGroupId("g")));
            assertEquals("req-1", e.requestId());
            assertEquals(1, aws.bodies.size());
            assertTrue(aws.bodies.get(0).startsWith("Action=DescribeReplicationGroups&Version=2015-02-02"),
                    aws.bodies.get(0));
            assertEquals(Mode.DRY_RUN, dry.mode());
        }
    }
}
