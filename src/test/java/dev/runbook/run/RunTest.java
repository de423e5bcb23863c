package dev.runbook.run;

import dev.runbook.aws.TestBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTest {
    @TempDir
    Path dir;
    final Settings settings = TestSettings.load();
    final AtomicInteger executed = new AtomicInteger();
    final List<String> failing = new ArrayList<>();

    /** A step that counts its executions and fails when its name is in {@code failing}. */
    final class Counting implements Action {
        final String name;
        final boolean mutates;

        Counting(String name, boolean mutates) {
            this.name = name;
            this.mutates = mutates;
        }

        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of(name + " on " + ctx.environment().replicationGroupId(), "Op(Name=" + name + ")");
        }

        @Override
        public boolean mutates() {
            return mutates;
        }

        @Override
        public Outcome execute(ActionContext ctx) throws ActionException {
            executed.incrementAndGet();
            if (failing.contains(name)) {
                throw new ActionException(name + " failed", "InvalidReplicationGroupState", "req-1", null);
            }
            return Outcome.succeeded(name + " ok").fact(name, "yes")
                    .fact("seen-before", ctx.fact("read").orElse("none")).build();
        }
    }

    Run newRun(Mode mode, String envName) throws IOException {
        ActionRegistry registry = new ActionRegistry()
                .register("t.read", p -> new Counting(p.string("name"), false))
                .register("t.change", p -> new Counting(p.string("name"), true));
        Path rb = dir.resolve("rb.conf");
        Files.writeString(rb, """
                runbook { id = t, title = T, sections = [
                  { id = pre, title = Pre, steps = [
                    { id = read, title = Read, action = t.read, with { name = read } } ] }
                  { id = mig, title = Mig, steps = [
                    { id = change, title = Change, action = t.change, with { name = change }, confirm = ${env.confirm-risky} }
                    { id = after, title = After, action = t.read, with { name = after } } ] }
                  { id = back, title = Back, kind = rollback, steps = [
                    { id = restore, title = Restore, action = t.change, with { name = restore } } ] }
                ]}
                """);
        Environment env = settings.environment(envName);
        Runbook runbook = new RunbookLoader(registry).load(rb, env);
        Path runDir = new Runs(dir.resolve("runs")).create(envName, java.time.Instant.parse("2026-11-29T04:00:00Z"));
        return new Run(new RunInfo("r1", runDir, "alice", Map.of("mode", mode.label())), runbook, env, settings,
                new TestBackend(mode, new TestContext().time), Journal.open(runDir), RunListener.NONE);
    }

    static List<String> events(Run run) {
        return Journal.read(run.journal().file()).events().stream()
                .map(e -> (e.step() == null ? "" : e.step() + " ") + e.event()).toList();
    }

    final Confirmer yes = r -> new Confirmation(true, "alice", "y");

    @Test
    void journalsEveryStepBeforeAndAfterItRuns() throws Exception {
        Run run = newRun(Mode.REHEARSAL, "dev");
        run.started();
        assertEquals(Autopilot.Result.COMPLETED, new Autopilot(run, yes).drive());
        assertEquals(List.of("run-started", "pre/read started", "pre/read succeeded", "mig/change confirmed",
                "mig/change started", "mig/change succeeded", "mig/after started", "mig/after succeeded"), events(run));
        assertEquals("yes", run.fact("read").orElseThrow());
        assertEquals("yes", run.state("mig/change").outcome().facts().get("seen-before"));
        assertEquals(3, executed.get());
    }

    @Test
    void dryRunNeverExecutesAMutationAndShowsTheRequest() throws Exception {
        Run run = newRun(Mode.DRY_RUN, "dev");
        assertEquals(Autopilot.Result.COMPLETED, new Autopilot(run, r -> {
            throw new AssertionError("dry-run asks no confirmation for a mutation it will not send");
        }).drive());
        StepState change = run.state("mig/change");
        assertEquals(StepStatus.WOULD_RUN, change.status());
        assertEquals("would send: Op(Name=change)", change.outcome().summary());
        assertEquals(2, executed.get(), "only the two reads ran");
    }

    @Test
    void declinedConfirmationSendsNothingAndLeavesTheStepPending() throws Exception {
        Run run = newRun(Mode.LIVE, "prod");
        List<ConfirmRequest> asked = new ArrayList<>();
        Autopilot.Result result = new Autopilot(run, r -> {
            asked.add(r);
            return Confirmation.declined("alice");
        }).drive();
        assertEquals(Autopilot.Result.ABORTED, result);
        assertEquals(StepStatus.PENDING, run.state("mig/change").status());
        assertEquals(1, executed.get());
        assertEquals("goorm-popcorn-cache-prod", asked.get(0).target());
        assertEquals(dev.runbook.runbook.Confirm.TYPE_ID, asked.get(0).kind());
        assertTrue(asked.get(0).accepts(" goorm-popcorn-cache-prod "));
        assertTrue(!asked.get(0).accepts("goorm-popcorn-cache-dev"));
    }

    @Test
    void failureAfterAChangeRunsTheRollbackSection() throws Exception {
        failing.add("after");
        Run run = newRun(Mode.REHEARSAL, "dev");
        assertEquals(Autopilot.Result.ROLLED_BACK, new Autopilot(run, yes).drive());
        assertEquals(StepStatus.DONE, run.state("back/restore").status());
        StepState failed = run.state("mig/after");
        assertEquals("after failed", failed.outcome().summary());
        assertEquals(List.of("req-1"), failed.outcome().requestIds());
        assertEquals("InvalidReplicationGroupState", failed.outcome().facts().get("error-code"));
    }

    @Test
    void failureBeforeAnyChangeStopsWithoutRollback() throws Exception {
        failing.add("read");
        Run run = newRun(Mode.REHEARSAL, "dev");
        assertEquals(Autopilot.Result.FAILED, new Autopilot(run, yes).drive());
        assertEquals(StepStatus.PENDING, run.state("back/restore").status());
        assertTrue(events(run).contains("aborted"));
    }

    @Test
    void runFolderAndJournalAreOwnerOnly() throws Exception {
        Run run = newRun(Mode.REHEARSAL, "dev");
        run.started();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.journal().file())));
    }

    @Test
    void aListenerThatAttachesLateHearsWhatWasLoggedBefore() throws Exception {
        Run run = newRun(Mode.REHEARSAL, "prod");
        new Autopilot(run, r -> Confirmation.declined("alice")).drive();
        List<String> heard = new ArrayList<>();
        run.addListener(new RunListener() {
            @Override
            public void log(String line) {
                heard.add(line);
            }
        });
        assertEquals(List.of("mig/change: not confirmed, nothing sent", "run aborted: mig/change was not confirmed"),
                heard);
    }
}
