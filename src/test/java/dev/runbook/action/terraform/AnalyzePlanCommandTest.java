package dev.runbook.action.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.ExitCodes;
import dev.runbook.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AnalyzePlanCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int analyze(String fixture) {
        String path = FakeTerraform.script().resolveSibling(fixture).toString();
        return Main.run(new String[] {"analyze-plan", path}, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void aGoodMigrationPlanExitsZeroAndListsItsChange() {
        assertEquals(ExitCodes.OK, analyze("plan-migrate-good.json"));
        assertTrue(out.toString().contains("plan-migrate-good.json: SAFE (0 to create, 1 to update, 0 to replace,"
                + " 0 to delete, 1 unchanged)"), out.toString());
        assertTrue(out.toString().contains("  update   aws_elasticache_replication_group.this"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aReplacementByAtRestEncryptionExitsThreeNamingTheAttribute() {
        assertEquals(ExitCodes.PLAN_BLOCKED, analyze("plan-at-rest-replace.json"));
        assertTrue(out.toString().contains("  replace  aws_elasticache_replication_group.this"), out.toString());
        assertTrue(out.toString().contains("BLOCK: aws_elasticache_replication_group.this (goorm-popcorn-cache-dev)"
                + " would be REPLACED, forced by at_rest_encryption_enabled"), out.toString());
    }

    @Test
    void theRollbackToSevenExitsThree() {
        assertEquals(ExitCodes.PLAN_BLOCKED, analyze("plan-rollback-7.0.json"));
        assertTrue(out.toString().contains("forced by engine_version"), out.toString());
    }

    @Test
    void theGuidesProdPlanIsSafeWithWarnings() {
        assertEquals(ExitCodes.OK, analyze("plan-prod-deferred.json"));
        assertTrue(out.toString().contains("WARN: aws_elasticache_replication_group.this (goorm-popcorn-cache-prod)"
                + " turns in-transit encryption on in one step"), out.toString());
    }

    @Test
    void formatVersionTwoExitsTwoWithOneLineNamingTheFile() {
        assertEquals(ExitCodes.INVALID_INPUT, analyze("plan-format-2.json"));
        String path = FakeTerraform.script().resolveSibling("plan-format-2.json").toString();
        assertEquals("error: " + path + ": unreadable: format_version 2.0 is not supported (expected 1.x)"
                + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aMissingFileExitsTwo() {
        assertEquals(ExitCodes.INVALID_INPUT, Main.run(new String[] {"analyze-plan", "no-such-plan.json"},
                new PrintWriter(out), new PrintWriter(err)));
        assertEquals("error: no-such-plan.json: unreadable: no such file" + System.lineSeparator(), err.toString());
    }
}
