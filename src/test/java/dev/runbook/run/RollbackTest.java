package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way into the rollback journals it, a resume goes on there, and only the steps that apply run. */
class RollbackTest {
    private static final String ID = "20261129-043000-dev";
    private static final Confirmer YES = req -> new Confirmation(true, "tester", "auto: test");

    @TempDir
    Path tmp;

    private final RunKit kit = new RunKit();

    private List<String> events() {
        return Journal.read(tmp.resolve(Journal.FILE)).events().stream()
                .map(e -> (e.step() == null ? "" : e.step() + " ") + e.event()).toList();
    }

    private long count(String event) {
        return events().stream().filter(e -> e.endsWith(event)).count();
    }

    @Test
    void goingToTheRollbackIsJournaledOnceHoweverOftenItIsAsked() {
        Run run = kit.run(tmp, ID);
        run.started();
        run.rollbackStarted(null, "the operator went to the rollback section (b)");
        run.rollbackStarted(null, "the operator went to the rollback section (b)");

        assertEquals(List.of("run-started", "rollback-started"), events());
        assertTrue(run.rollingBack());
        assertTrue(JournalReplay.of(Journal.read(tmp.resolve(Journal.FILE))).rolledBack());
    }

    @Test
    void aResumeAfterACrashInTheRollbackGoesOnInTheRollbackWithoutRepeatingTheMigration() throws Exception {
        kit.behaviour.put("elasticache.await-upgrade", ctx -> Outcome.failed("the upgrade did not finish").build());
        Run first = kit.run(tmp, ID);
        first.started();
        kit.crashIn = "terraform.plan-rollback";
        assertThrows(RunKit.Crash.class, () -> new Autopilot(first, YES).drive());
        first.journal().close();
        assertEquals(1, count("rollback-started"));

        Run second = kit.run(tmp, ID);
        Autopilot.Result result = new ResumeSession(second, new ActionReconciler()).resumeAndDrive(YES);

        assertEquals(Autopilot.Result.ROLLED_BACK, result);
        assertEquals(1, kit.executed("terraform.apply"), "the migration is not driven again");
        assertEquals(1, kit.executed("elasticache.await-upgrade"));
        assertEquals(1, kit.executed("elasticache.withdraw-pending-upgrade"), "done before the crash: not repeated");
        assertEquals(2, kit.executed("terraform.plan-rollback"), "read-only, caught mid-flight: runs again");
        assertEquals(1, kit.executed("elasticache.restore-snapshot"));
        assertEquals(1, count("rollback-started"), "resume does not journal a second rollback-started");
        assertEquals("run-ended", events().get(events().size() - 1));
        assertEquals("rolled back", JournalReplay.of(Journal.read(tmp.resolve(Journal.FILE))).endSummary());
        assertTrue(second.rollingBack());
    }

    @Test
    void withTheSdkMethodTheTerraformRollbackCheckDoesNotApplyAndNeverRuns() throws Exception {
        kit.sdk(tmp, "dev");
        kit.behaviour.put("elasticache.await-upgrade", ctx -> Outcome.failed("the upgrade did not finish").build());
        Run run = kit.run(tmp, ID);
        run.started();

        assertEquals(StepStatus.NOT_APPLICABLE, run.state("rollback/terraform-rollback-check").status());
        assertEquals("applies only when migration-method = terraform (it is sdk)",
                run.state("rollback/terraform-rollback-check").reason());
        assertEquals(Autopilot.Result.ROLLED_BACK, new Autopilot(run, YES).drive());
        assertEquals(0, kit.executed("terraform.plan-rollback"));
        assertEquals(1, kit.executed("elasticache.restore-snapshot"));
    }
}
