package dev.runbook.action.ssm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TraitType;

/**
 * The members of an AWS operation's request as the AWS SDK's own model has them ({@code XRequest.builder()
 * .sdkFields()}): the names aws:executeAwsApi takes as inputs, and which of them are required. Only the services
 * this tool ships (elasticache, cloudwatch, sts) can be looked up.
 *
 * <p>The SDK marks a member required ({@code RequiredTrait}) only for some protocols: for ElastiCache's query
 * protocol it marks none (checked against SDK 2.57.8), so the members the ElastiCache API reference lists as
 * "Required: Yes" for the operations a document may change the group with are added from {@link #API_REFERENCE}.
 */
public final class SdkRequestModel {
    /** "Required: Yes" members from the ElastiCache API reference, where the SDK's model does not say. */
    static final Map<String, List<String>> API_REFERENCE = Map.of(
            "elasticache.CreateSnapshot", List.of("SnapshotName"),
            "elasticache.ModifyReplicationGroup", List.of("ReplicationGroupId"),
            "elasticache.IncreaseReplicaCount", List.of("ReplicationGroupId", "ApplyImmediately"),
            "elasticache.CreateReplicationGroup", List.of("ReplicationGroupId", "ReplicationGroupDescription"),
            "cloudwatch.GetMetricData", List.of("MetricDataQueries", "StartTime", "EndTime"));

    private SdkRequestModel() {
    }

    /** Member name → required, in the model's order; empty when the service or operation is unknown here. */
    public static Optional<Map<String, Boolean>> members(String service, String api) {
        if (!service.matches("[a-z0-9]+") || !api.matches("[A-Z][A-Za-z0-9]*")) {
            return Optional.empty();
        }
        String className = "software.amazon.awssdk.services." + service.toLowerCase(Locale.ROOT) + ".model." + api
                + "Request";
        Object builder;
        try {
            builder = Class.forName(className).getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
        if (!(builder instanceof SdkPojo pojo)) {
            return Optional.empty();
        }
        Map<String, Boolean> members = new LinkedHashMap<>();
        for (SdkField<?> f : pojo.sdkFields()) {
            boolean required = f.containsTrait(RequiredTrait.class, TraitType.REQUIRED_TRAIT);
            members.put(f.memberName(), required);
            if (f.locationName() != null && !f.locationName().equals(f.memberName())) {
                members.putIfAbsent(f.locationName(), required);
            }
        }
        API_REFERENCE.getOrDefault(service + "." + api, List.of()).forEach(m -> members.replace(m, true));
        return Optional.of(members);
    }
}
