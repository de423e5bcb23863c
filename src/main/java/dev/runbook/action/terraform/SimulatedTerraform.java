package dev.runbook.action.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.action.ActionException;
import dev.runbook.action.RunFiles;
import dev.runbook.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;

/**
 * Terraform in a rehearsal: plans are derived from the replication group as the given ElastiCache client
 * describes it (the simulation) and the environment's target settings, in the documented plan JSON format,
 * so the same analysis runs. The migration plan is an in-place update redis → valkey (a replacement if the
 * settings change at-rest encryption); {@code -var=elasticache_engine_version=V} plans the guide's rollback,
 * a replacement when V is below the running version. Apply sends the engine change with
 * ModifyReplicationGroup through the client and returns; the await-upgrade step then waits for it.
 */
public final class SimulatedTerraform implements Terraform {
    static final String ADDRESS = "aws_elasticache_replication_group.this";
    private static final String VERSION_VAR = "-var=elasticache_engine_version=";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElastiCacheClient elastiCache;
    private final Environment environment;

    public SimulatedTerraform(ElastiCacheClient elastiCache, Environment environment) {
        this.elastiCache = elastiCache;
        this.environment = environment;
    }

    @Override
    public TerraformVersion version(Path dir) {
        return new TerraformVersion("1.9.8", Map.of("registry.terraform.io/hashicorp/aws", "5.80.0"));
    }

    @Override
    public int plan(Path dir, List<String> extraArgs, Path planFile, Consumer<String> lines) throws ActionException {
        ObjectNode before;
        try {
            before = SimulatedGroupState.read(elastiCache, environment.replicationGroupId());
        } catch (AwsServiceException e) {
            lines.accept("Error: reading ElastiCache Replication Group (" + environment.replicationGroupId() + "): "
                    + e.awsErrorDetails().errorCode());
            return 1;
        }
        lines.accept(ADDRESS + ": Refreshing state... [id=" + environment.replicationGroupId() + "]");
        String rollbackVersion = extraArgs.stream().filter(a -> a.startsWith(VERSION_VAR))
                .map(a -> a.substring(VERSION_VAR.length())).findFirst().orElse(null);
        ObjectNode after = rollbackVersion != null ? before.deepCopy() : code(before);
        if (rollbackVersion != null) {
            after.put("engine_version", rollbackVersion);
        }
        after.put("apply_immediately", environment.applyImmediately());
        ObjectNode plan = SimulatedGroupState.planJson(ADDRESS, before, after);
        String json = plan.toPrettyString();
        try {
            RunFiles.write(planFile, json);
        } catch (IOException e) {
            throw new ActionException("Cannot write the plan file " + planFile + ": " + e.getMessage());
        }
        SimulatedGroupState.describe(plan, lines);
        lines.accept("");
        lines.accept("Saved the plan to: " + planFile);
        return 0;
    }

    /**
     * What the simulated Terraform code says, given the group as refreshed. {@code migration-method = terraform}:
     * before the change, the code edited to the target (engine, topology, encryption); once the group runs the
     * target engine, the code as the rehearsal applied it (its apply sends the engine change only, so the code
     * is taken to state the group's other attributes as they are). {@code migration-method = sdk}: the team's
     * code was never touched and still says the source engine, one node, no failover, no TLS (the trap the
     * code-agrees step shows).
     */
    private ObjectNode code(ObjectNode group) {
        ObjectNode code = group.deepCopy();
        Environment.Target target = environment.target();
        if (!"terraform".equals(environment.migrationMethod())) {
            Environment.EngineRef source = environment.source();
            code.put("engine", source.engine());
            code.put("engine_version", source.version());
            code.put("parameter_group_name", "default." + PlanExpectations.family(source.engine(), source.version()));
            code.put("num_cache_clusters", environment.currentNumCacheClusters());
            code.put("automatic_failover_enabled", false);
            code.put("multi_az_enabled", false);
            code.put("transit_encryption_enabled", false);
            code.putNull("transit_encryption_mode");
            return code;
        }
        code.put("engine", target.engine());
        code.put("engine_version", target.version());
        code.put("parameter_group_name", target.parameterGroup());
        if (!target.engine().equals(group.path("engine").asText())) {
            code.put("num_cache_clusters", environment.numCacheClusters());
            code.put("automatic_failover_enabled", environment.automaticFailover());
            code.put("multi_az_enabled", environment.multiAz());
            code.put("at_rest_encryption_enabled", environment.atRestEncryption());
            code.put("transit_encryption_enabled", environment.transitEncryption());
        }
        return code;
    }

    @Override
    public String showJson(Path dir, Path planFile) throws ActionException {
        try {
            return Files.readString(planFile);
        } catch (IOException e) {
            throw new ActionException("Cannot read the plan file " + planFile + ": " + e.getMessage());
        }
    }

    @Override
    public int apply(Path dir, Path planFile, Consumer<String> lines) throws ActionException {
        JsonNode change;
        try {
            change = JSON.readTree(showJson(dir, planFile)).path("resource_changes").path(0).path("change");
        } catch (IOException e) {
            lines.accept("Error: Failed to load the saved plan: " + e.getMessage());
            return 1;
        }
        List<String> actions = new ArrayList<>();
        change.path("actions").forEach(a -> actions.add(a.asText()));
        if (actions.contains("delete")) {
            lines.accept("Error: the rehearsal does not replace replication groups (" + String.join(",", actions) + ")");
            return 1;
        }
        JsonNode after = change.path("after");
        ModifyReplicationGroupRequest request = ModifyReplicationGroupRequest.builder()
                .replicationGroupId(after.path("replication_group_id").asText())
                .engine(after.path("engine").asText())
                .engineVersion(after.path("engine_version").asText())
                .cacheParameterGroupName(after.path("parameter_group_name").asText())
                .applyImmediately(after.path("apply_immediately").asBoolean(false))
                .build();
        lines.accept(ADDRESS + ": Modifying... [id=" + request.replicationGroupId() + "]");
        try {
            elastiCache.modifyReplicationGroup(request);
        } catch (AwsServiceException e) {
            lines.accept("Error: modifying ElastiCache Replication Group (" + request.replicationGroupId() + "): "
                    + e.awsErrorDetails().errorCode() + ", RequestID: " + e.requestId());
            return 1;
        }
        lines.accept(ADDRESS + ": Modifications sent (the rehearsal applies the engine change only)");
        lines.accept("");
        lines.accept("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
        return 0;
    }
}
