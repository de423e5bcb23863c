package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan, apply and plan-rollback steps against the fake terraform script. */
class TerraformStepsTest {
    @TempDir
    Path temp;
    private final TestContext ctx = new TestContext();

    private Path root(String scenario) throws Exception {
        ctx.runDir = temp.resolve("run");
        ctx.services.put(Terraform.class, FakeTerraform.runner());
        return FakeTerraform.root(temp, scenario);
    }

    private Outcome plan(Path dir) throws Exception {
        Outcome outcome = new TerraformPlan(dir, "goorm-popcorn-cache-dev").execute(ctx);
        ctx.facts.putAll(outcome.facts());
        return outcome;
    }

    @Test
    void aSafePlanIsSavedHashedAndRecorded() throws Exception {
        Path dir = root("good");
        Outcome outcome = plan(dir);
        Path planFile = ctx.runDir.resolve("tfplan").toAbsolutePath();
        assertEquals(Outcome.Status.SUCCEEDED, outcome.status());
        assertEquals("Plan is safe to apply (0 to create, 1 to update, 0 to replace, 0 to delete, 1 unchanged);"
                + " saved as " + planFile, outcome.summary());
        assertEquals(planFile.toString(), outcome.facts().get("plan-file"));
        assertEquals(PlanRun.sha256(planFile), outcome.facts().get("plan-sha256"));
        assertEquals("safe", outcome.facts().get("plan-verdict"));
        assertEquals("update aws_elasticache_replication_group.this", outcome.facts().get("plan-changes"));
        assertTrue(Files.readString(ctx.runDir.resolve("tfplan.json")).contains("\"engine\": \"valkey\""));
        assertTrue(ctx.log.contains("Plan: 0 to add, 1 to change, 0 to destroy."), ctx.log.toString());
    }

    @Test
    void aPlanThatReplacesTheGroupFailsWithTheReason() throws Exception {
        Outcome outcome = plan(root("at-rest"));
        assertEquals(Outcome.Status.FAILED, outcome.status());
        assertEquals("Plan BLOCKED, do not apply: aws_elasticache_replication_group.this (goorm-popcorn-cache-dev)"
                + " would be REPLACED, forced by at_rest_encryption_enabled: Terraform deletes the group and its data,"
                + " then creates an empty one. Do not apply.", outcome.summary());
        assertEquals("blocked", outcome.facts().get("plan-verdict"));
    }

    @Test
    void anAwsProviderOlderThan573FailsBeforePlanning() throws Exception {
        Path dir = root("old-provider");
        ActionException e = assertThrows(ActionException.class, () -> plan(dir));
        assertEquals("The AWS provider selected in " + dir + " is 5.72.0, which rejects engine = \"valkey\" (needs"
                + " 5.73.0 or newer): raise the hashicorp/aws version constraint and run terraform init -upgrade",
                e.getMessage());
        assertEquals(List.of("version -json"), Files.readAllLines(dir.resolve("calls.log")));
    }

    @Test
    void applyAppliesExactlyTheReviewedPlanAndRecordsWhenTheUpgradeStarted() throws Exception {
        Path dir = root("good");
        plan(dir);
        ctx.time.advance(Duration.ofMinutes(10));
        Outcome outcome = new TerraformApply(dir, Duration.ofHours(1)).execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, outcome.status(), outcome.summary());
        assertEquals("-input=false -no-color " + ctx.runDir.resolve("tfplan").toAbsolutePath(),
                Files.readString(dir.resolve("applied")).trim());
        assertEquals("2026-11-29T04:40:00Z", outcome.facts().get("upgrade-started"));
        assertEquals("2026-11-29T04:40:00Z", outcome.facts().get("applied-at"));
    }

    /** Runs apply and checks it failed without Terraform being asked to apply anything; returns the summary. */
    private String refusal(Path dir) throws Exception {
        Outcome outcome = new TerraformApply(dir, Duration.ofHours(1)).execute(ctx);
        assertEquals(Outcome.Status.FAILED, outcome.status());
        assertFalse(Files.exists(dir.resolve("applied")));
        return outcome.summary();
    }

    @Test
    void applyRefusesWithoutAReviewedPlan() throws Exception {
        assertEquals("Refused: there is no reviewed plan in this run; run the terraform-plan step first (apply only"
                + " ever applies a saved, reviewed plan)", refusal(root("good")));
    }

    @Test
    void applyRefusesABlockedPlan() throws Exception {
        Path dir = root("at-rest");
        plan(dir);
        assertEquals("Refused: the reviewed plan was blocked (replace aws_elasticache_replication_group.this); fix"
                + " the Terraform code and plan again", refusal(dir));
    }

    @Test
    void applyRefusesAPlanChangedSinceReview() throws Exception {
        Path dir = root("good");
        plan(dir);
        Files.writeString(Path.of(ctx.facts.get("plan-file")), "plan-at-rest-replace.json\n");
        String summary = refusal(dir);
        assertTrue(summary.startsWith("Refused: the plan file " + ctx.facts.get("plan-file")
                + " changed since it was reviewed (sha256 "), summary);
    }

    @Test
    void applyRefusesAStalePlan() throws Exception {
        Path dir = root("good");
        plan(dir);
        ctx.time.advance(Duration.ofMinutes(61));
        assertEquals("Refused: the reviewed plan is 1h1m old (limit 1h); the group or the code may have changed"
                + " since: plan again", refusal(dir));
    }

    @Test
    void aFailingApplyIsAFailedOutcomeWithTerraformsError() throws Exception {
        Path dir = root("apply-fails");
        plan(dir);
        Outcome outcome = new TerraformApply(dir, Duration.ofHours(1)).execute(ctx);
        assertEquals(Outcome.Status.FAILED, outcome.status());
        assertEquals("terraform apply failed (exit 1): Error: modifying ElastiCache Replication Group"
                + " (goorm-popcorn-cache-dev): InvalidParameterCombination: Expected a parameter group of family"
                + " valkey8: the group may be partly changed; check its status, then plan again before any new apply",
                outcome.summary());
    }

    @Test
    void theGuidesRollbackPlanIsShownAsAReplacementAndNeverApplied() throws Exception {
        Path dir = root("good");
        Outcome outcome = new TerraformPlanRollback(dir, "goorm-popcorn-cache-dev", "7.0").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, outcome.status());
        assertEquals("The guide's rollback would replace goorm-popcorn-cache-dev and lose its data"
                + " (aws_elasticache_replication_group.this (goorm-popcorn-cache-dev) would be REPLACED, forced by"
                + " engine_version: Terraform deletes the group and its data, then creates an empty one. Do not apply.):"
                + " use the snapshot restore, next step", outcome.summary());
        assertEquals("blocked", outcome.facts().get("rollback-plan-verdict"));
        assertEquals(List.of("version -json", "plan -input=false -no-color -out="
                        + ctx.runDir.resolve("tfplan-rollback").toAbsolutePath() + " -var=elasticache_engine_version=7.0",
                "show -json -no-color " + ctx.runDir.resolve("tfplan-rollback").toAbsolutePath()),
                Files.readAllLines(dir.resolve("calls.log")));
    }

    @Test
    void previewsShowTheCommandsWithoutRunningAnything() throws Exception {
        Path dir = root("good");
        assertEquals(List.of("terraform -chdir=" + dir + " plan -input=false -no-color -out=" + ctx.runDir.resolve("tfplan"),
                "terraform -chdir=" + dir + " show -json -no-color " + ctx.runDir.resolve("tfplan")),
                new TerraformPlan(dir, "goorm-popcorn-cache-dev").preview(ctx).requests());
        assertEquals(List.of("terraform -chdir=" + dir + " apply -input=false -no-color " + ctx.runDir.resolve("tfplan")),
                new TerraformApply(dir, Duration.ofHours(1)).preview(ctx).requests());
        assertFalse(Files.exists(dir.resolve("calls.log")));
    }
}
