package dev.runbook.action;

import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static dev.runbook.aws.ElastiCacheXml.snapshot;
import static dev.runbook.aws.ElastiCacheXml.snapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.elasticache.CheckSnapshots;
import dev.runbook.aws.AwsWireTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/**
 * The context's clients record every response's request id (the real SDK over HTTP against a local endpoint), so
 * actions carry none by hand: each page of a paginator, the convenience forms, and the ids of AWS's errors.
 */
class RequestIdsWireTest extends AwsWireTest {

    @Test
    void everyPageOfAPaginatedReadIsRecordedInCallOrder() throws Exception {
        String taken = ctx.time.now().minus(Duration.ofHours(2)).toString();
        server.onElastiCache("DescribeSnapshots",
                snapshots("page-2", snapshot("automatic-1", "automated", "available", taken)),
                snapshots(null, snapshot("automatic-2", "automated", "available", taken)));
        Outcome o = ctx.run(new CheckSnapshots(G, Duration.ofHours(24)));
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals(2, server.requests("DescribeSnapshots").size(), "two pages were read");
        assertEquals(List.of("req-1", "req-2"), o.requestIds());
    }

    @Test
    void theConsumerAndNoArgumentFormsAreRecordedOnceEach() {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")), groups(devGroup("available")),
                groups(devGroup("available")));
        RequestIds ids = new RequestIds();
        ElastiCacheClient ec = ids.recording(ElastiCacheClient.class, server.elastiCache());
        ec.describeReplicationGroups(r -> r.replicationGroupId(G));
        ec.describeReplicationGroups();
        ec.describeReplicationGroups(DescribeReplicationGroupsRequest.builder().replicationGroupId(G).build());
        assertEquals(List.of("req-1", "req-2", "req-3"), ids.drain());
        assertEquals(List.of(), ids.drain(), "a drain starts the record again");
        assertEquals(G, server.requests("DescribeReplicationGroups").get(0).params().get("ReplicationGroupId"),
                "the Consumer form still sends its request");
    }

    @Test
    void anErrorsRequestIdIsRecordedAndTheErrorStillReachesTheCaller() {
        server.onError("DescribeReplicationGroups", 404, "ReplicationGroupNotFoundFault", "not found");
        server.onError("ModifyReplicationGroup", 500, "InternalFailure", "try again");
        RequestIds ids = new RequestIds();
        ElastiCacheClient ec = ids.recording(ElastiCacheClient.class, server.elastiCache());
        assertThrows(ReplicationGroupNotFoundException.class, () -> ec.describeReplicationGroups(r -> r.replicationGroupId(G)));
        ElastiCacheException e = assertThrows(ElastiCacheException.class,
                () -> ec.modifyReplicationGroup(r -> r.replicationGroupId(G).engine("valkey")));
        assertEquals(500, e.statusCode());
        List<String> recorded = ids.drain();
        assertTrue(recorded.size() >= 2 && recorded.stream().allMatch(i -> i.startsWith("err-")), recorded.toString());
    }

    @Test
    void aResponseWithoutMetadataRecordsNothing() {
        ElastiCacheClient fake = new ElastiCacheClient() {
            @Override
            public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
                return DescribeReplicationGroupsResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "elasticache";
            }

            @Override
            public void close() {
            }
        };
        RequestIds ids = new RequestIds();
        ids.recording(ElastiCacheClient.class, fake).describeReplicationGroups(r -> r.replicationGroupId(G));
        assertEquals(List.of(), ids.drain());
    }
}
