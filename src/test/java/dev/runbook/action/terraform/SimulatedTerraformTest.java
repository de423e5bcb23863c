package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupStatus;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.MultiAZStatus;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** The rehearsal's Terraform: plans derived from the group and the settings, apply through ModifyReplicationGroup. */
class SimulatedTerraformTest {
    @TempDir
    Path temp;
    private final TestContext ctx = new TestContext();
    private final OneGroup group = new OneGroup();

    /** One replication group with one member; Modify records the request and changes the engine at once. */
    static final class OneGroup implements ElastiCacheClient {
        String engine = "redis";
        String version = "7.0.7";
        String parameterGroup = "default.redis7";
        boolean atRest = true;
        final List<ModifyReplicationGroupRequest> modified = new ArrayList<>();

        @Override
        public DescribeReplicationGroupsResponse describeReplicationGroups(DescribeReplicationGroupsRequest r) {
            return DescribeReplicationGroupsResponse.builder().replicationGroups(ReplicationGroup.builder()
                    .replicationGroupId(r.replicationGroupId()).engine(engine).memberClusters(r.replicationGroupId() + "-001")
                    .cacheNodeType("cache.t4g.micro").automaticFailover(AutomaticFailoverStatus.DISABLED)
                    .multiAZ(MultiAZStatus.DISABLED).atRestEncryptionEnabled(atRest).transitEncryptionEnabled(false)
                    .build()).build();
        }

        @Override
        public DescribeCacheClustersResponse describeCacheClusters(DescribeCacheClustersRequest r) {
            return DescribeCacheClustersResponse.builder().cacheClusters(CacheCluster.builder()
                    .cacheClusterId(r.cacheClusterId()).engine(engine).engineVersion(version)
                    .cacheParameterGroup(CacheParameterGroupStatus.builder().cacheParameterGroupName(parameterGroup).build())
                    .preferredMaintenanceWindow("sun:05:00-sun:07:00").build()).build();
        }

        @Override
        public ModifyReplicationGroupResponse modifyReplicationGroup(ModifyReplicationGroupRequest r) {
            modified.add(r);
            engine = r.engine();
            version = r.engineVersion() + ".1";
            parameterGroup = r.cacheParameterGroupName();
            return ModifyReplicationGroupResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "elasticache";
        }

        @Override
        public void close() {
        }
    }

    private Outcome run(dev.runbook.action.Action action) throws Exception {
        ctx.runDir = temp;
        ctx.services.put(Terraform.class, new SimulatedTerraform(group, ctx.environment));
        Outcome outcome = action.execute(ctx);
        ctx.facts.putAll(outcome.facts());
        return outcome;
    }

    @Test
    void theMigrationPlanIsAnInPlaceUpdateThatTheAnalysisPasses() throws Exception {
        Outcome outcome = run(new TerraformPlan(Path.of("envs/dev"), "goorm-popcorn-cache-dev"));
        assertEquals(Outcome.Status.SUCCEEDED, outcome.status(), outcome.summary());
        assertEquals("update aws_elasticache_replication_group.this", outcome.facts().get("plan-changes"));
        assertTrue(ctx.log.contains("      ~ engine = \"redis\" -> \"valkey\""), ctx.log.toString());
        assertTrue(ctx.log.contains("INFO: aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) is updated"
                + " in place: redis 7.0 → valkey 8.0, parameter group default.valkey8"), ctx.log.toString());
    }

    @Test
    void applySendsTheEngineChangeThroughModifyReplicationGroup() throws Exception {
        run(new TerraformPlan(Path.of("envs/dev"), "goorm-popcorn-cache-dev"));
        Outcome outcome = run(new TerraformApply(Path.of("envs/dev"), Duration.ofHours(1)));
        assertEquals(Outcome.Status.SUCCEEDED, outcome.status(), outcome.summary());
        ModifyReplicationGroupRequest sent = group.modified.get(0);
        assertEquals(List.of("goorm-popcorn-cache-dev", "valkey", "8.0", "default.valkey8", true),
                List.of(sent.replicationGroupId(), sent.engine(), sent.engineVersion(), sent.cacheParameterGroupName(),
                        sent.applyImmediately()));
    }

    @Test
    void theRollbackPlanAfterTheMigrationIsAReplacement() throws Exception {
        group.engine = "valkey";
        group.version = "8.0.1";
        group.parameterGroup = "default.valkey8";
        Outcome outcome = run(new TerraformPlanRollback(Path.of("envs/dev"), "goorm-popcorn-cache-dev", "7.0"));
        assertEquals("blocked", outcome.facts().get("rollback-plan-verdict"));
        assertTrue(outcome.summary().contains("forced by engine_version"), outcome.summary());
        assertTrue(group.modified.isEmpty());
    }

    @Test
    void switchingAtRestEncryptionInTheSettingsPlansAReplacement() throws Exception {
        group.atRest = false;
        Outcome outcome = run(new TerraformPlan(Path.of("envs/dev"), "goorm-popcorn-cache-dev"));
        assertEquals(Outcome.Status.FAILED, outcome.status());
        assertTrue(outcome.summary().contains("forced by at_rest_encryption_enabled"), outcome.summary());
        assertTrue(Files.readString(temp.resolve("tfplan.json")).contains("\"delete\""));
    }

    @Test
    void inProdTheApplyWaitsForTheNextWindowAndSaysWhen() throws Exception {
        ctx.env("prod");
        ctx.time.advance(Duration.ofHours(2));
        Outcome plan = run(new TerraformPlan(Path.of("envs/prod"), "goorm-popcorn-cache-prod"));
        assertEquals(Outcome.Status.SUCCEEDED, plan.status(), plan.summary());
        assertEquals(3, plan.warnings().size(), plan.warnings().toString());
        Outcome apply = run(new TerraformApply(Path.of("envs/prod"), Duration.ofHours(1)));
        assertEquals(false, group.modified.get(0).applyImmediately());
        assertEquals("2026-12-06T04:00:00Z", apply.facts().get("upgrade-started"));
        assertEquals(List.of("apply_immediately is false: the engine changes in the maintenance window (next opening"
                + " Sun 2026-12-06 04:00 UTC, in 6d21h)"), apply.warnings());
    }
}
