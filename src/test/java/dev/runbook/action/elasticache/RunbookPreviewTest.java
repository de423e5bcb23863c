package dev.runbook.action.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.Preview;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.action.PreviewContext;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's runbook loads with the real AWS actions and previews every step without a client. */
class RunbookPreviewTest {
    final Settings settings = TestSettings.load();

    private Runbook load(String env) {
        return new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks/valkey-migration.conf"),
                settings.environment(env));
    }

    @Test
    void everyAwsStepPreviewsWithoutTouchingAws() {
        for (String env : List.of("dev", "prod")) {
            var ctx = PreviewContext.of(settings.environment(env), settings, Mode.DRY_RUN);
            for (Runbook.Entry e : load(env).entries()) {
                String action = e.step().actionName();
                if (action.startsWith("elasticache.") || action.startsWith("cloudwatch.") || action.startsWith("guard.")) {
                    Preview p = e.step().action().preview(ctx);
                    assertTrue(!p.summary().isBlank(), e.key());
                }
            }
        }
    }

    @Test
    void prodUpgradePreviewShowsTheRequestAndThatItWaitsForTheWindow() {
        var ctx = PreviewContext.of(settings.environment("prod"), settings, Mode.DRY_RUN);
        Preview p = load("prod").entry("migrate/upgrade-engine").orElseThrow().step().action().preview(ctx);
        assertEquals(List.of("ModifyReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-cache-prod,"
                + " CacheParameterGroupName=default.valkey8, ApplyImmediately=false, Engine=valkey, EngineVersion=8.0)"),
                p.requests());
        assertTrue(p.warnings().get(0).startsWith("apply-immediately is false: nothing happens until the maintenance"
                + " window; "), p.warnings().toString());
    }
}
