package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.terraform.PlanAnalysis.Result;
import dev.runbook.action.terraform.PlanAnalysis.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanAnalysisTest {
    private static final Instant SUNDAY_0430 = Instant.parse("2026-11-29T04:30:00Z");
    private static final PlanExpectations VALKEY8 = PlanExpectations.valkey8(SUNDAY_0430);

    private static Result analyze(String fixture) throws IOException {
        return PlanAnalysis.analyze(FakeTerraform.fixture(fixture), VALKEY8);
    }

    @Test
    void anInPlaceMigrationToValkey8IsSafeAndListsTheChange() throws IOException {
        Result r = analyze("plan-migrate-good.json");
        assertEquals(Verdict.SAFE, r.verdict());
        assertEquals(List.of(
                "  update   aws_elasticache_replication_group.this",
                "INFO: aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) is updated in place: "
                        + "redis 7.0 → valkey 8.0, parameter group default.valkey8"), r.lines());
        assertEquals("0 to create, 1 to update, 0 to replace, 0 to delete, 1 unchanged", r.counts());
    }

    @Test
    void aReplacementForcedByAtRestEncryptionIsBlockedWithItsReason() throws IOException {
        Result r = analyze("plan-at-rest-replace.json");
        assertEquals(Verdict.BLOCKED, r.verdict());
        assertEquals("aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) would be REPLACED, forced by"
                + " at_rest_encryption_enabled: Terraform deletes the group and its data, then creates an empty one."
                + " Do not apply.", r.blocks().get(0).text());
        assertEquals("replace", r.changes().get(0).word());
    }

    @Test
    void theGuidesRollbackToSevenIsAReplacementOfTheGroup() throws IOException {
        Result r = PlanAnalysis.analyze(FakeTerraform.fixture("plan-rollback-7.0.json"),
                new PlanExpectations(false, "goorm-popcorn-cache-dev", null, null, null, null, SUNDAY_0430));
        assertEquals(Verdict.BLOCKED, r.verdict());
        assertTrue(r.blocks().get(0).text().contains("REPLACED, forced by engine_version"), r.blocks().toString());
    }

    @Test
    void theGuidesProdPlanWarnsAboutTheWindowTlsInOneStepAndTopologyRidingAlong() throws IOException {
        Result r = analyze("plan-prod-deferred.json");
        assertEquals(Verdict.SAFE, r.verdict());
        String name = "aws_elasticache_replication_group.this (goorm-popcorn-cache-prod)";
        assertEquals(List.of(
                name + ": apply_immediately is false, so the change waits for the maintenance window"
                        + " sun:04:00-sun:06:00 UTC (open now, until Sun 2026-11-29 06:00 UTC);"
                        + " terraform apply returns before the engine changes",
                name + " turns in-transit encryption on in one step (transit_encryption_mode unset): clients"
                        + " without TLS are cut off. Set transit_encryption_mode = \"preferred\" first, \"required\""
                        + " once every client uses TLS",
                name + " also changes num_cache_clusters 1 → 2, automatic_failover_enabled false → true,"
                        + " multi_az_enabled false → true in the same apply as the engine: add the replica and"
                        + " failover first, the engine next (one change at a time is easier to watch and to place"
                        + " when something fails)"),
                r.warnings().stream().map(PlanAnalysis.Finding::text).toList());
        assertTrue(r.deferredUntil().isPresent());
    }

    @Test
    void theWindowSaysWhenItNextOpens() throws IOException {
        String json = FakeTerraform.fixture("plan-migrate-good.json").replace("\"apply_immediately\": true",
                "\"apply_immediately\": false");
        Result r = PlanAnalysis.analyze(json, VALKEY8);
        assertTrue(r.warnings().get(0).text().contains("sun:05:00-sun:07:00 UTC (next opening"
                + " Sun 2026-11-29 05:00 UTC, in 30m)"), r.warnings().get(0).text());
    }

    @Test
    void aRedisParameterGroupBlocksTheMigration() throws IOException {
        String json = FakeTerraform.fixture("plan-migrate-good.json").replace("\"parameter_group_name\": \"default.valkey8\"",
                "\"parameter_group_name\": \"default.redis7\"");
        Result r = PlanAnalysis.analyze(json, VALKEY8);
        assertEquals(Verdict.BLOCKED, r.verdict());
        assertEquals("aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) uses parameter group"
                + " default.redis7: expected one of family valkey8, e.g. default.valkey8 (ModifyReplicationGroup"
                + " fails with InvalidParameterCombination)", r.blocks().get(0).text());
    }

    @Test
    void aParameterGroupInThePlanIsJudgedByItsFamily() throws IOException {
        String json = FakeTerraform.fixture("plan-migrate-good.json")
                .replace("\"parameter_group_name\": \"default.valkey8\"", "\"parameter_group_name\": \"popcorn-cache\"")
                .replace("\"resource_changes\": [", "\"resource_changes\": [{\"address\": \"aws_elasticache_parameter_group.p\","
                        + " \"type\": \"aws_elasticache_parameter_group\", \"change\": {\"actions\": [\"create\"],"
                        + " \"before\": null, \"after\": {\"name\": \"popcorn-cache\", \"family\": \"valkey7\"}}},");
        Result r = PlanAnalysis.analyze(json, VALKEY8);
        assertEquals(Verdict.BLOCKED, r.verdict());
        assertTrue(r.blocks().get(0).text().contains("uses parameter group popcorn-cache (family valkey7)"));
    }

    @Test
    void aWrongTargetVersionIsBlocked() throws IOException {
        String json = FakeTerraform.fixture("plan-migrate-good.json").replace("\"engine_version\": \"8.0\"",
                "\"engine_version\": \"7.2\"");
        Result r = PlanAnalysis.analyze(json, VALKEY8);
        assertEquals("aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) sets engine_version 7.2:"
                + " expected 8.0 (set engine_version explicitly; the provider needs it for a cross-engine change)",
                r.blocks().get(0).text());
    }

    @Test
    void aPlanThatChangesNoEngineWarnsThatItMigratesNothing() {
        Result r = PlanAnalysis.analyze("{\"format_version\": \"1.1\", \"planned_values\": {}}", VALKEY8);
        assertEquals(Verdict.SAFE, r.verdict());
        assertEquals("the plan changes the engine of no replication group: applying it migrates nothing",
                r.warnings().get(0).text());
    }

    @Test
    void formatVersionTwoIsUnreadable() throws IOException {
        Result r = analyze("plan-format-2.json");
        assertEquals(Verdict.UNREADABLE, r.verdict());
        assertEquals("format_version 2.0 is not supported (expected 1.x)", r.findings().get(0).text());
    }

    @Test
    void notJsonAndAStateAreUnreadable() {
        assertEquals(Verdict.UNREADABLE, PlanAnalysis.analyze("Plan: 0 to add", VALKEY8).verdict());
        assertEquals("this is a state, not a plan: run terraform show -json PLANFILE",
                PlanAnalysis.analyze("{\"format_version\": \"1.0\", \"values\": {}}", VALKEY8).findings().get(0).text());
        assertEquals("resource_changes[0] has no change.actions", PlanAnalysis.analyze(
                "{\"format_version\": \"1.0\", \"resource_changes\": [{\"address\": \"x\"}]}", VALKEY8).findings().get(0).text());
    }

    @Test
    void deletingAnotherResourceIsAWarningNotABlock() {
        Result r = PlanAnalysis.analyze("{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\":"
                + " \"aws_elasticache_subnet_group.old\", \"type\": \"aws_elasticache_subnet_group\","
                + " \"change\": {\"actions\": [\"delete\"]}}]}", new PlanExpectations(false, null, null, null, null, null, SUNDAY_0430));
        assertEquals(Verdict.SAFE, r.verdict());
        assertEquals("aws_elasticache_subnet_group.old will be deleted: check that nothing the group uses goes with it",
                r.warnings().get(0).text());
    }
}
