package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Terraform-code check after the window: agrees, differs (what to set), replaces (data loss), no directory. */
class CodeAgreementTest {
    private static final String G = "goorm-popcorn-cache-dev";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The group after an SDK migration, as Terraform refreshes it. */
    private static ObjectNode migratedGroup() {
        ObjectNode g = JSON.createObjectNode();
        g.put("replication_group_id", G);
        g.put("engine", "valkey");
        g.put("engine_version", "8.0");
        g.put("parameter_group_name", "default.valkey8");
        g.put("num_cache_clusters", 2);
        g.put("automatic_failover_enabled", true);
        g.put("multi_az_enabled", true);
        g.put("at_rest_encryption_enabled", true);
        g.put("transit_encryption_enabled", true);
        g.put("transit_encryption_mode", "preferred");
        g.putNull("apply_immediately");
        return g;
    }

    private static String plan(ObjectNode before, ObjectNode after) {
        return SimulatedGroupState.planJson(SimulatedTerraform.ADDRESS, before, after).toString();
    }

    @Test
    void aPlanThatLeavesTheGroupUnchangedAgrees() {
        ObjectNode code = migratedGroup();
        code.put("apply_immediately", true);
        CodeAgreement.Result r = CodeAgreement.analyze(plan(migratedGroup(), code), G);
        assertEquals(CodeAgreement.Verdict.AGREES, r.verdict());
        assertEquals("The Terraform code agrees with " + G + ": terraform plan leaves it unchanged", r.line());
    }

    @Test
    void anInPlaceDifferenceNamesTheAttributesAndTheValuesToSet() {
        ObjectNode code = migratedGroup();
        code.put("num_cache_clusters", 1);
        code.put("transit_encryption_mode", "required");
        CodeAgreement.Result r = CodeAgreement.analyze(plan(migratedGroup(), code), G);
        assertEquals(CodeAgreement.Verdict.DIFFERS, r.verdict());
        assertEquals("The Terraform code disagrees with " + G + " on num_cache_clusters, transit_encryption_mode: the"
                + " next terraform apply would change the group back. Set in the code: num_cache_clusters = 2,"
                + " transit_encryption_mode = \"preferred\"", r.line());
    }

    @Test
    void codeThatStillSaysRedisWouldReplaceTheGroupAndNamesEveryVariable() {
        ObjectNode code = migratedGroup();
        code.put("engine", "redis");
        code.put("engine_version", "7.0");
        code.put("parameter_group_name", "default.redis7");
        CodeAgreement.Result r = CodeAgreement.analyze(plan(migratedGroup(), code), G);
        assertEquals(CodeAgreement.Verdict.REPLACES, r.verdict());
        assertEquals("DATA LOSS TRAP: the next terraform apply would REPLACE " + G + " (forced by engine): Terraform"
                + " deletes the group and its data, then creates an empty one. Do not apply anything in this Terraform"
                + " root until the code says: engine = \"valkey\", engine_version = \"8.0\","
                + " parameter_group_name = \"default.valkey8\"", r.line());
    }

    @Test
    void notAPlanIsUnreadableNotAPass() {
        CodeAgreement.Result r = CodeAgreement.analyze("{\"format_version\":\"2.0\"}", G);
        assertEquals(CodeAgreement.Verdict.UNREADABLE, r.verdict());
        assertEquals("The Terraform plan could not be read (format_version 2.0 is not supported (expected 1.x)):"
                + " the code was not checked", r.line());
    }

    @Test
    void withoutATerraformDirectoryTheStepSaysTheCodeCouldNotBeChecked() throws Exception {
        TestContext ctx = new TestContext();
        ctx.runDir = temp;
        Path missing = temp.resolve("no-such-terraform");
        Outcome o = new TerraformCodeAgrees(missing, G).execute(ctx);
        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("The Terraform code could not be checked: there is no Terraform directory " + missing
                + ". If Terraform manages " + G + ", run terraform plan there before anyone applies", o.summary());
        assertEquals("not checked", o.facts().get("terraform-verdict"));
    }

    @Test
    void itsFailureDoesNotCallForARollback() {
        assertTrue(!new TerraformCodeAgrees(Path.of("envs/dev"), G).rollbackOnFailure());
    }
}
