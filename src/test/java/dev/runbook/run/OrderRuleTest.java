package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order rule, on the real runbook with fake executions: the operator presses Enter on a step out of order
 * and the run (not the screen) refuses it, naming what is missing, journaling and sending nothing.
 */
class OrderRuleTest {
    private static final String UPGRADE = "migrate/upgrade-engine";
    private static final String SNAPSHOT_NEED = "needs a verified manual snapshot of this run (from"
            + " migrate/manual-snapshot, which must succeed in this run; skipping it does not count)";

    @TempDir
    Path tmp;

    private final RunKit kit = new RunKit();
    private final AtomicInteger asked = new AtomicInteger();
    private final Confirmer yes = r -> {
        asked.incrementAndGet();
        return new Confirmation(true, "tester", "y");
    };

    private Run run(String env) throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("run"));
        Run run = kit.sdk(tmp, env).run(dir, "r1");
        run.started();
        return run;
    }

    private static Runbook.Entry entry(Run run, String key) {
        return run.runbook().entry(key).orElseThrow();
    }

    private static List<String> journaled(Run run, String key) {
        return Journal.read(run.journal().file()).events().stream().filter(e -> key.equals(e.step()))
                .map(JournalEvent::event).toList();
    }

    /** Every applicable step of the normal sections before {@code key}, in order. */
    private static List<Runbook.Entry> before(Run run, String key) {
        List<Runbook.Entry> all = run.runbook().entries();
        return all.subList(0, all.indexOf(entry(run, key))).stream()
                .filter(e -> e.section().kind() == Section.Kind.NORMAL)
                .filter(e -> run.state(e.key()).status() != StepStatus.NOT_APPLICABLE).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theEngineChangeFirstThingIsRefusedNamingEveryMissingStepAndNothingIsSentOrJournaled(String env)
            throws Exception {
        Run run = run(env);
        StepState s = run.runStep(entry(run, UPGRADE), yes);

        assertEquals(StepStatus.PENDING, s.status());
        assertEquals(0, asked.get(), "no confirmation was opened");
        assertEquals(0, kit.executed("elasticache.upgrade-engine"), "nothing was sent");
        assertEquals(List.of(), journaled(run, UPGRADE), "nothing journaled for the step");
        assertEquals(List.of("✗ migrate/upgrade-engine refused, nothing sent: waiting for: precheck/describe-group,"
                + " precheck/backup-exists, precheck/no-pending-changes, precheck/target-parameter-group,"
                + " precheck/maintenance-window, precheck/in-place-settings, precheck/ping-before,"
                + " precheck/fingerprint-before, precheck/benchmark-before, migrate/probe-start, migrate/manual-snapshot,"
                + " migrate/rollback-feasible, migrate/add-replicas, migrate/enable-failover; "
                + SNAPSHOT_NEED + ". Run those first, or skip a step with a reason (select it, s)."), kit.log);
    }

    @Test
    void everyEarlierStepSkippedStillLeavesTheEngineChangeWaitingForThisRunsSnapshot() throws Exception {
        Run run = run("prod");
        for (Runbook.Entry e : before(run, UPGRADE)) {
            run.skip(e, "in a hurry");
        }
        assertEquals(new OrderGate.Refusal(UPGRADE, List.of(), List.of("a verified manual snapshot of this run (from"
                        + " migrate/manual-snapshot (skipped), which must succeed in this run; skipping it does not count)")),
                run.refusal(entry(run, UPGRADE)).orElseThrow());
        assertEquals(StepStatus.PENDING, run.runStep(entry(run, UPGRADE), yes).status());
        assertEquals(0, kit.executed("elasticache.upgrade-engine"));
        assertTrue(journaled(run, "precheck/backup-exists").contains("skipped"), "the override is journaled");
    }

    @Test
    void everyEarlierStepSkippedButTheSnapshotWaitsForItThenRunsOnceItIsTaken() throws Exception {
        Run run = run("prod");
        for (Runbook.Entry e : before(run, UPGRADE)) {
            if (!e.key().equals("migrate/manual-snapshot")) {
                run.skip(e, "rehearsing the change only");
            }
        }
        assertEquals(List.of("migrate/manual-snapshot"), run.refusal(entry(run, UPGRADE)).orElseThrow().waitingFor());

        assertEquals(StepStatus.DONE, run.runStep(entry(run, "migrate/manual-snapshot"), yes).status());
        assertEquals(StepStatus.DONE, run.runStep(entry(run, UPGRADE), yes).status());
        assertEquals(1, kit.executed("elasticache.upgrade-engine"));
        // the time budget is checked (and journaled with its numbers) before the engine change is confirmed
        assertEquals(List.of("budget", "confirmed", "started", "succeeded"), journaled(run, UPGRADE));
    }

    @Test
    void aFailedEarlierStepIsNamedAsFailed() throws Exception {
        kit.behaviour.put("elasticache.check-snapshots", ctx -> Outcome.failed("too old").build());
        Run run = run("dev");
        run.runStep(entry(run, "precheck/describe-group"), yes);
        run.runStep(entry(run, "precheck/backup-exists"), yes);

        List<String> waiting = run.refusal(entry(run, "migrate/manual-snapshot")).orElseThrow().waitingFor();
        assertEquals("precheck/backup-exists (failed)", waiting.get(0));
        assertEquals("precheck/no-pending-changes", waiting.get(1));
    }

    @Test
    void readOnlyStepsRunAnyTime() throws Exception {
        Run run = run("dev");
        assertEquals(StepStatus.DONE, run.runStep(entry(run, "monitor/events"), yes).status());
        assertEquals(StepStatus.DONE, run.runStep(entry(run, "migrate/await-upgrade"), yes).status());
    }

    @Test
    void theRollbackIsReachableAnyTimeButItsRestoreNeedsThisRunsSnapshotAndTheWithdrawal() throws Exception {
        Run run = run("prod");
        assertEquals(new OrderGate.Refusal("rollback/restore-snapshot", List.of("rollback/withdraw-pending-upgrade"),
                        List.of("a snapshot to restore (this run's verified manual snapshot) (from migrate/manual-snapshot,"
                                + " which must succeed in this run; skipping it does not count)")),
                run.refusal(entry(run, "rollback/restore-snapshot")).orElseThrow());

        assertEquals(StepStatus.DONE, run.runStep(entry(run, "rollback/withdraw-pending-upgrade"), yes).status(),
                "the first rollback step runs first thing: the way out is never blocked by the order");
        assertEquals(List.of(), run.refusal(entry(run, "rollback/restore-snapshot")).orElseThrow().waitingFor());
        assertEquals(StepStatus.PENDING, run.runStep(entry(run, "rollback/restore-snapshot"), yes).status());
        assertEquals(0, kit.executed("elasticache.restore-snapshot"));
    }

    @Test
    void aDryRunShowsTheWouldRunRequestAndSaysALiveRunWouldHaveRefusedIt() throws Exception {
        kit.mode = Mode.DRY_RUN;
        Run run = run("prod");
        StepState s = run.runStep(entry(run, UPGRADE), r -> {
            throw new AssertionError("a dry run asks nothing");
        });

        assertEquals(StepStatus.WOULD_RUN, s.status());
        assertTrue(s.outcome().warnings().get(0).startsWith("a live run would have refused this step now (waiting for:"
                + " precheck/describe-group, "), s.outcome().warnings().toString());
        assertTrue(s.outcome().warnings().get(0).endsWith(SNAPSHOT_NEED + ")"), s.outcome().warnings().toString());
    }

    @Test
    void aDryRunInOrderCountsItsWouldRunSnapshotAndWarnsOfNothing() throws Exception {
        kit.mode = Mode.DRY_RUN;
        Run run = run("prod");
        assertEquals(Autopilot.Result.COMPLETED, new Autopilot(run, yes).drive());
        StepState upgrade = run.state(UPGRADE);
        assertEquals(StepStatus.WOULD_RUN, upgrade.status());
        assertEquals(List.of(), upgrade.outcome().warnings());
    }

    @Test
    void theAutopilotKeepsWorkingInOrder() throws Exception {
        Run run = run("prod");
        assertEquals(Autopilot.Result.COMPLETED, new Autopilot(run, yes).drive());
        assertEquals(1, kit.executed("elasticache.upgrade-engine"));
        assertTrue(kit.log.stream().noneMatch(l -> l.contains("refused")), kit.log.toString());
    }
}
