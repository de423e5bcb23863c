package dev.runbook.action.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdkRequestModelTest {
    @Test
    void membersAreTheSdkRequestBuildersFieldsInTheirOrder() {
        var m = SdkRequestModel.members("elasticache", "CreateSnapshot").orElseThrow();
        assertEquals(java.util.List.of("ReplicationGroupId", "CacheClusterId", "SnapshotName", "KmsKeyId", "Tags"),
                java.util.List.copyOf(m.keySet()));
        assertEquals(true, m.get("SnapshotName"));
        assertEquals(false, m.get("ReplicationGroupId"));
    }

    @Test
    void everyApiReferenceEntryNamesARealMemberOfARealOperation() {
        SdkRequestModel.API_REFERENCE.forEach((op, required) -> {
            String[] parts = op.split("\\.");
            var members = SdkRequestModel.members(parts[0], parts[1]);
            assertTrue(members.isPresent(), op);
            required.forEach(r -> assertEquals(true, members.get().get(r), op + " " + r));
        });
    }

    @Test
    void unknownServicesOperationsAndSpellingsAreEmpty() {
        assertEquals(Optional.empty(), SdkRequestModel.members("elasticache", "DescribeReplicationGroup"));
        assertEquals(Optional.empty(), SdkRequestModel.members("ElastiCache", "DescribeReplicationGroups"));
        assertEquals(Optional.empty(), SdkRequestModel.members("dynamodb", "DescribeTable"));
        assertEquals(Optional.empty(), SdkRequestModel.members("elasticache", "describeReplicationGroups"));
        assertTrue(SdkRequestModel.members("cloudwatch", "GetMetricData").isPresent());
    }
}
