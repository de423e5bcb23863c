package dev.runbook.action.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * The Terraform view of a replication group for {@link SimulatedTerraform}: its attributes as the AWS provider
 * names them, read through DescribeReplicationGroups and DescribeCacheClusters, and the plan JSON
 * (format_version 1.2) of a change from one set of attributes to another, with the provider's ForceNew rules.
 */
final class SimulatedGroupState {
    /** What the provider cannot change in place (DOMAIN: engine downgrade, valkey → redis, at-rest encryption). */
    private static final Set<String> FORCE_NEW = Set.of("at_rest_encryption_enabled");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedGroupState() {
    }

    static ObjectNode read(ElastiCacheClient client, String id) {
        ReplicationGroup group = client.describeReplicationGroups(r -> r.replicationGroupId(id)).replicationGroups().get(0);
        CacheCluster member = client.describeCacheClusters(r -> r.cacheClusterId(group.memberClusters().get(0)))
                .cacheClusters().get(0);
        ObjectNode state = JSON.createObjectNode();
        state.put("replication_group_id", group.replicationGroupId());
        state.put("engine", group.engine());
        state.put("engine_version", majorMinor(member.engineVersion()));
        state.put("parameter_group_name", member.cacheParameterGroup() == null ? null
                : member.cacheParameterGroup().cacheParameterGroupName());
        state.put("node_type", group.cacheNodeType());
        state.put("num_cache_clusters", group.memberClusters().size());
        state.put("automatic_failover_enabled", group.automaticFailover() == AutomaticFailoverStatus.ENABLED);
        state.put("multi_az_enabled", group.multiAZ() == MultiAZStatus.ENABLED);
        state.put("at_rest_encryption_enabled", Boolean.TRUE.equals(group.atRestEncryptionEnabled()));
        state.put("transit_encryption_enabled", Boolean.TRUE.equals(group.transitEncryptionEnabled()));
        state.put("transit_encryption_mode", group.transitEncryptionModeAsString());
        state.put("maintenance_window", member.preferredMaintenanceWindow());
        state.putNull("apply_immediately");
        return state;
    }

    static ObjectNode planJson(String address, ObjectNode before, ObjectNode after) {
        List<String> forced = new ArrayList<>();
        for (String attribute : FORCE_NEW) {
            if (!before.path(attribute).equals(after.path(attribute))) {
                forced.add(attribute);
            }
        }
        if (!before.path("engine").equals(after.path("engine")) && "redis".equals(after.path("engine").asText())) {
            forced.add("engine");
        } else if (TerraformVersion.compare(after.path("engine_version").asText("0"), before.path("engine_version").asText("0")) < 0) {
            forced.add("engine_version");
        }
        ObjectNode plan = JSON.createObjectNode();
        plan.put("format_version", "1.2");
        plan.put("terraform_version", "1.9.8");
        ObjectNode rc = plan.putArray("resource_changes").addObject();
        rc.put("address", address);
        rc.put("mode", "managed");
        rc.put("type", PlanAnalysis.REPLICATION_GROUP);
        rc.put("name", address.substring(address.indexOf('.') + 1));
        rc.put("provider_name", "registry.terraform.io/hashicorp/aws");
        ObjectNode change = rc.putObject("change");
        ArrayNode actions = change.putArray("actions");
        if (!forced.isEmpty()) {
            actions.add("delete").add("create");
            ArrayNode paths = change.putArray("replace_paths");
            forced.forEach(f -> paths.addArray().add(f));
            rc.put("action_reason", "replace_because_cannot_update");
        } else {
            actions.add(sameIgnoringApply(before, after) ? "no-op" : "update");
        }
        change.set("before", before);
        change.set("after", after);
        return plan;
    }

    /** Terraform-like lines: "# ... will be updated in-place" and one "~ attr = old -> new" per change. */
    static void describe(ObjectNode plan, Consumer<String> lines) {
        JsonNode rc = plan.path("resource_changes").path(0);
        JsonNode change = rc.path("change");
        String word = PlanAnalysis.analyze(plan.toString(), PlanExpectations.valkey8(Instant.EPOCH))
                .changes().stream().findFirst().map(PlanAnalysis.Change::word).orElse("no-op");
        if (word.equals("no-op")) {
            lines.accept("No changes. Your infrastructure matches the configuration.");
            return;
        }
        lines.accept("  # " + rc.path("address").asText() + (word.equals("replace")
                ? " must be replaced" : " will be updated in-place"));
        for (Iterator<String> it = change.path("after").fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode was = change.path("before").path(field);
            JsonNode will = change.path("after").path(field);
            if (!was.equals(will)) {
                lines.accept("      ~ " + field + " = " + was + " -> " + will);
            }
        }
        lines.accept(word.equals("replace") ? "Plan: 1 to add, 0 to change, 1 to destroy."
                : "Plan: 0 to add, 1 to change, 0 to destroy.");
    }

    private static boolean sameIgnoringApply(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        a.remove("apply_immediately");
        b.remove("apply_immediately");
        return a.equals(b);
    }

    private static String majorMinor(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }
}
