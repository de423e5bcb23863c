package dev.runbook.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.TestContext;
import dev.runbook.aws.TestBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.run.ActionReconciler;
import dev.runbook.run.Autopilot;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Confirmer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.ResumeSession;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutating action that only this test knows — registered from test code, in a package of its own — is
 * reconciled on resume by what it says of itself: nothing in run/ names it. It crashes after its effect, as a
 * SIGKILL would leave it; resume asks it, journals "done" with its evidence, and never sends it again.
 */
class ExtraActionTest {
    private static final Confirmer YES = req -> new Confirmation(true, "tester", "auto: test");

    /** Stands for the process dying mid-step: no one catches it, so the step's end is never journaled. */
    static final class Crash extends Error {
    }

    /** The outside world the action changes (a tag on the group, say). */
    final Set<String> tags = ConcurrentHashMap.newKeySet();
    int sent;
    boolean crash = true;

    final class TagGroup implements Action {
        private final String tag;

        TagGroup(String tag) {
            this.tag = tag;
        }

        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("Tag the group " + tag, "AddTagsToResource " + tag);
        }

        @Override
        public boolean mutates() {
            return true;
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            sent++;
            tags.add(tag);
            if (crash) {
                crash = false;
                throw new Crash();
            }
            return Outcome.succeeded("tagged " + tag).build();
        }

        @Override
        public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
            return Optional.of(tags.contains(tag)
                    ? Reconciliation.done("the group carries " + tag + ": not sent again", Map.of("tag", tag))
                    : Reconciliation.pending("no tag " + tag + ": it may run", Map.of()));
        }
    }

    @TempDir
    Path tmp;

    @Test
    void anActionRegisteredByATestIsReconciledOnResumeWithoutRunKnowingIt() throws Exception {
        Path runbook = tmp.resolve("extra.conf");
        Files.writeString(runbook, """
                runbook {
                  id = extra
                  title = "One extra change"
                  sections = [ { id = change, title = "Change", steps = [
                    { id = tag, title = "Tag the group", action = test.tag-group, with { tag = migrated }, confirm = yes }
                  ] } ]
                }
                """);
        ActionRegistry registry = ActionRegistry.standard().register("test.tag-group", p -> {
            var a = new TagGroup(p.string("tag"));
            p.finish();
            return a;
        });
        Settings settings = TestSettings.load();
        Environment env = settings.environment("dev");
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);

        Run first = run(registry, runbook, settings, env, dir);
        first.started();
        assertThrows(Crash.class, () -> new Autopilot(first, YES).drive());
        first.journal().close();
        Run second = run(registry, runbook, settings, env, dir);
        Autopilot.Result result = new ResumeSession(second, new ActionReconciler()).resumeAndDrive(YES);

        assertEquals(Autopilot.Result.COMPLETED, result);
        assertEquals(1, sent, "sent again after the resume");
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent reconciled = events.stream().filter(e -> "reconciled".equals(e.event())).findFirst().orElseThrow();
        assertEquals("change/tag", reconciled.step());
        assertEquals("the group carries migrated: not sent again", reconciled.summary());
        assertEquals("done", reconciled.facts().get("resolution"));
        assertEquals("migrated", reconciled.facts().get("tag"));
    }

    private static Run run(ActionRegistry registry, Path runbook, Settings settings, Environment env, Path dir) {
        var time = new TestContext.ManualTime(Instant.parse("2026-11-29T04:30:00Z"));
        return new Run(new RunInfo("20261129-043000-dev", dir, "tester", Map.of()),
                new RunbookLoader(registry).load(runbook, env), env, settings, new TestBackend(Mode.REHEARSAL, time),
                Journal.open(dir), RunListener.NONE);
    }
}
