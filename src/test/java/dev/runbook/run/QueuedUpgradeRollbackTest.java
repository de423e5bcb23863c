package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.report.ReportWriter;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prod rehearsal the issue saw: the engine change is queued for the maintenance window (apply-immediately =
 * false), then the operator goes to the rollback. The real actions against the simulation: the group still
 * runs Redis, but the run must not call that rolled back while the change waits for the window.
 */
class QueuedUpgradeRollbackTest {
    private static final String G = "goorm-popcorn-cache-prod";
    private static final Confirmer YES = r -> new Confirmation(true, "tester", "auto: test");

    @TempDir
    Path tmp;

    private Run run;
    private RehearsalBackend backend;

    /** Up to the queued engine change: every earlier step skipped but the snapshot the change needs. */
    private void queueTheUpgrade(Set<Fault> faults) throws Exception {
        Path conf = tmp.resolve("application.conf");
        Files.writeString(conf, Files.readString(Path.of("application.conf"))
                .replace("migration-method = terraform", "migration-method = sdk"));
        Settings settings = Settings.load(conf);
        Environment prod = settings.environment("prod");
        Runbook runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks/valkey-migration.conf"),
                prod);
        backend = new RehearsalBackend(settings, prod, 120, faults);
        Path dir = new Runs(tmp.resolve("runs")).create("prod", backend.time().now());
        run = new Run(new RunInfo(dir.getFileName().toString(), dir, "tester", Map.of()), runbook, prod, settings,
                backend, Journal.open(dir), RunListener.NONE);
        run.started();
        for (Runbook.Entry e : runbook.entries()) {
            if (e.key().equals("migrate/upgrade-engine")) {
                break;
            }
            if (e.key().equals("migrate/manual-snapshot")) {
                assertEquals(StepStatus.DONE, run.runStep(e, YES).status());
            } else if (run.state(e.key()).status() == StepStatus.PENDING) {
                run.skip(e, "rehearsing the rollback of a queued change");
            }
        }
        StepState upgrade = run.runStep(runbook.entry("migrate/upgrade-engine").orElseThrow(), YES);
        assertEquals(StepStatus.DONE, upgrade.status());
        assertTrue(upgrade.outcome().summary().startsWith("Upgrade of " + G + " queued at "), upgrade.outcome().summary());
        assertTrue(backend.elastiCache().describeCacheClusters(r -> r.cacheClusterId(G + "-001")).cacheClusters().get(0)
                .pendingModifiedValues().engineVersion() != null, "the simulation shows the change pending");
        run.rollbackStarted(null, "the operator went to the rollback section (b)");
    }

    private String report() {
        StringWriter out = new StringWriter();
        ReportWriter.finish(run, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aQueuedEngineChangeIsWithdrawnAndOnlyThenIsNoRestoreNeeded() throws Exception {
        queueTheUpgrade(Set.of());

        Autopilot.Result result = new Autopilot(run, YES).drive();
        run.ended(result.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));

        assertEquals(Autopilot.Result.ROLLED_BACK, result);
        StepState withdraw = run.state("rollback/withdraw-pending-upgrade");
        assertEquals("Withdrew the engine change to 8.0.1 that was queued on " + G + ": it stays on redis " + G
                + "-001=7.0.7 and nothing waits for the maintenance window", withdraw.outcome().summary());
        assertEquals("withdrawn: 8.0.1", withdraw.outcome().facts().get("pending-engine-change"));
        assertTrue(run.state("rollback/restore-snapshot").outcome().summary().startsWith("No restore needed: "));
        assertEquals(null, backend.elastiCache().describeCacheClusters(r -> r.cacheClusterId(G + "-001"))
                .cacheClusters().get(0).pendingModifiedValues().engineVersion(), "nothing pending any more");
        assertTrue(report().contains("| result | rolled-back |"));
    }

    @Test
    void whenAwsRefusesToWithdrawItTheRunSaysItIsStillQueuedForWhenAndNeverEndsRolledBack() throws Exception {
        queueTheUpgrade(Set.of(Fault.WITHDRAW_REFUSED));

        Autopilot.Result result = new Autopilot(run, YES).drive();
        run.ended(result.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));

        assertEquals(Autopilot.Result.FAILED, result);
        StepState withdraw = run.state("rollback/withdraw-pending-upgrade");
        assertEquals(StepStatus.FAILED, withdraw.status());
        String summary = withdraw.outcome().summary();
        assertTrue(summary.startsWith("STILL QUEUED: the engine change of " + G + " to 8.0.1 was not withdrawn (AWS"
                + " refused to withdraw it: "), summary);
        assertTrue(summary.contains("It starts when the maintenance window sun:04:00-sun:06:00 UTC opens, at 20"), summary);
        assertTrue(summary.endsWith("The run is not rolled back while it is queued."), summary);
        assertTrue(withdraw.outcome().facts().get("pending-engine-change").startsWith("queued: 8.0.1, starts "));
        assertEquals(StepStatus.PENDING, run.state("rollback/restore-snapshot").status(),
                "the restore waits for the withdrawal (requires) and is never called 'not needed'");
        List<JournalEvent> events = Journal.read(run.journal().file()).events();
        assertEquals("failed", events.get(events.size() - 1).summary());
        String md = report();
        assertTrue(md.contains("| result | failed |"), md);
        assertTrue(!md.contains("| result | rolled"), md);
    }

    @Test
    void aRestoreWithTheChangeStillQueuedRestoresInsteadOfCallingItNotNeeded() throws Exception {
        queueTheUpgrade(Set.of(Fault.WITHDRAW_REFUSED));
        run.runStep(run.runbook().entry("rollback/withdraw-pending-upgrade").orElseThrow(), YES);
        run.skip(run.runbook().entry("rollback/withdraw-pending-upgrade").orElseThrow(),
                "AWS will not withdraw it: moving the clients to a restored group");

        StepState restore = run.runStep(run.runbook().entry("rollback/restore-snapshot").orElseThrow(), YES);

        assertEquals(StepStatus.DONE, restore.status(), String.valueOf(restore.outcome()));
        assertTrue(restore.outcome().summary().startsWith("Restored " + G + "-pre-valkey-"), restore.outcome().summary());
        assertEquals(G + "-rollback", restore.outcome().facts().get("rollback-group"));
    }
}
