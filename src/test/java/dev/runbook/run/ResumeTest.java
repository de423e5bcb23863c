package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResumeTest {
    private static final String ID = "20261129-043000-dev";
    private static final Confirmer YES = req -> new Confirmation(true, "tester", "auto: test");

    @TempDir
    Path tmp;

    private final RunKit kit = new RunKit();

    /** Runs until the crash, then resumes in a new Run on the same folder; returns the journal afterwards. */
    private Autopilot.Result crashThenResume(String crashIn) throws Exception {
        crash(crashIn);
        Run second = kit.run(tmp, ID);
        return new ResumeSession(second, new ActionReconciler()).resumeAndDrive(YES);
    }

    /** Runs until the action {@code crashIn} dies after its effect, as a SIGKILL would leave it. */
    private void crash(String crashIn) {
        Run first = kit.run(tmp, ID);
        first.started();
        kit.crashIn = crashIn;
        assertThrows(RunKit.Crash.class, () -> new Autopilot(first, YES).drive());
        first.journal().close();
    }

    private List<JournalEvent> events() {
        return Journal.read(tmp.resolve(Journal.FILE)).events();
    }

    private long count(String step, String event) {
        return events().stream().filter(e -> step.equals(e.step()) && event.equals(e.event())).count();
    }

    private JournalEvent reconciled(String step) {
        return events().stream().filter(e -> step.equals(e.step()) && "reconciled".equals(e.event())).findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"elasticache.create-snapshot", "terraform.apply", "elasticache.await-upgrade",
            "guard.rollback-feasibility", "cloudwatch.metrics-window"})
    void eachMutatingStepRunsOnceAcrossACrashAndResume(String crashIn) throws Exception {
        assertEquals(Autopilot.Result.COMPLETED, crashThenResume(crashIn));

        assertEquals(1, kit.executed("elasticache.create-snapshot"));
        assertEquals(1, kit.executed("terraform.apply"));
        assertEquals(1, count("migrate/manual-snapshot", "started"));
        assertEquals(1, count("migrate/terraform-apply", "started"));
        assertEquals(1, events().stream().filter(e -> "run-ended".equals(e.event())).count());
        assertEquals(ID, events().get(events().size() - 1).run());
    }

    @Test
    void anUpgradeInterruptedAfterTheEngineChangedIsReconciledAsDoneAndNotSentAgain() throws Exception {
        crashThenResume("terraform.apply");

        JournalEvent r = reconciled("migrate/terraform-apply");
        assertEquals("the engine is already valkey (group available): the engine change took effect, not sent again",
                r.summary());
        assertEquals("done", r.facts().get("resolution"));
        assertEquals(1, kit.executed("terraform.apply"));
        assertTrue(kit.log.contains("migrate/terraform-apply: reconciled (done): " + r.summary()), kit.log.toString());
    }

    @Test
    void anUpgradeInterruptedWhileTheGroupIsModifyingIsDoneAndTheWaitGoesOn() throws Exception {
        kit.behaviour.put("terraform.apply", ctx -> {
            kit.elastiCache.status = "modifying";
            return dev.runbook.action.Outcome.succeeded("applied").build();
        });
        crashThenResume("terraform.apply");

        assertEquals("the group is modifying: the engine change was sent, not sent again; the next wait goes on "
                + "waiting", reconciled("migrate/terraform-apply").summary());
        assertEquals(1, kit.executed("terraform.apply"));
        assertEquals(2, kit.executed("elasticache.await-upgrade") + 1);
    }

    @Test
    void aSnapshotTakenBeforeTheCrashIsFoundAndReused() throws Exception {
        crashThenResume("elasticache.create-snapshot");

        JournalEvent r = reconciled("migrate/manual-snapshot");
        assertEquals("snapshot goorm-popcorn-cache-dev-pre-valkey-20261129 exists and is available: reused, not "
                + "taken again", r.summary());
        assertEquals("goorm-popcorn-cache-dev-pre-valkey-20261129", r.facts().get("snapshot-name"));
        assertEquals(1, kit.executed("elasticache.create-snapshot"));
    }

    @Test
    void aSnapshotStillCreatingIsWaitedForBeforeTheRunGoesOn() throws Exception {
        kit.behaviour.put("elasticache.create-snapshot", ctx -> {
            kit.elastiCache.snapshot("goorm-popcorn-cache-dev-pre-valkey-20261129", "creating", kit.time.now());
            return dev.runbook.action.Outcome.succeeded("sent").build();
        });
        kit.elastiCache.snapshotCallsUntilAvailable = 3;
        crashThenResume("elasticache.create-snapshot");

        assertEquals("snapshot goorm-popcorn-cache-dev-pre-valkey-20261129 exists and is available: reused, not "
                + "taken again", reconciled("migrate/manual-snapshot").summary());
        assertEquals(2, kit.time.sleeps);
        assertEquals(1, kit.executed("elasticache.create-snapshot"));
    }

    @Test
    void theReportOfAResumedRunShowsTheReconciliationAndIsComplete() throws Exception {
        crashThenResume("terraform.apply");
        java.io.StringWriter out = new java.io.StringWriter();

        dev.runbook.report.ReportWriter.finish(kit.run(tmp, ID), new java.io.PrintWriter(out));

        String md = out.toString();
        assertTrue(md.contains("| migrate/terraform-apply (mutates) | done (reconciled on resume) |"), md);
        assertTrue(md.contains("- migrate/terraform-apply reconciled after a crash: the engine is already valkey"), md);
        assertTrue(md.contains("| result | completed |"), md);
        assertTrue(md.contains("Manual snapshot taken before the change: **goorm-popcorn-cache-dev-pre-valkey-20261129**"), md);
    }

    @Test
    void whenNothingWasSentTheStepIsPendingAgainAndRuns() throws Exception {
        kit.behaviour.put("terraform.apply", ctx -> dev.runbook.action.Outcome.succeeded("nothing yet").build());
        assertEquals(Autopilot.Result.COMPLETED, crashThenResume("terraform.apply"));

        JournalEvent r = reconciled("migrate/terraform-apply");
        assertEquals("no sign of the engine change on goorm-popcorn-cache-dev (group available): it was not sent, "
                + "and may run", r.summary());
        assertEquals("pending", r.facts().get("resolution"));
        assertEquals(2, kit.executed("terraform.apply"));
        assertEquals(2, count("migrate/terraform-apply", "started"));
    }

    @Test
    void aTornLastLineIsSkippedAndReportedAndTheRunGoesOn() throws Exception {
        crash("elasticache.await-upgrade");
        Files.writeString(tmp.resolve(Journal.FILE), "{\"ts\":\"2026-11-29T04:31:00Z\",\"run\":\"" + ID + "\",\"st",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Run second = kit.run(tmp, ID);
        ResumeSession.Result found = new ResumeSession(second, new ActionReconciler()).restore();

        int torn = (int) Files.readAllLines(tmp.resolve(Journal.FILE)).stream().filter(l -> l.endsWith("\"st")).count();
        assertEquals(1, torn);
        assertTrue(found.findings().get(0).endsWith("unreadable journal line skipped (torn last line: the run was "
                + "interrupted mid-write)"), found.findings().toString());
        assertTrue(found.findings().contains("migrate/await-upgrade (read-only) was interrupted: it runs again"));
        assertEquals(StepStatus.DONE, second.state("migrate/terraform-apply").status());
        assertEquals(StepStatus.PENDING, second.state("migrate/await-upgrade").status());
    }

    @Test
    void aStepTheReconcilerCannotJudgeStopsTheResumeForAnOperator() throws Exception {
        crash("terraform.apply");
        Reconciler unsure = (entry, rec, run) -> dev.runbook.action.Reconciliation.unknown(
                "cannot tell", java.util.Map.of());

        Autopilot.Result r = new ResumeSession(kit.run(tmp, ID), unsure).resumeAndDrive(YES);

        assertEquals(Autopilot.Result.ABORTED, r);
        assertEquals(1, kit.executed("terraform.apply"));
        assertEquals(0, kit.executed("elasticache.await-upgrade"));
    }

}
