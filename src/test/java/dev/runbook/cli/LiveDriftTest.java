package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.action.ActionRegistry;
import dev.runbook.aws.LiveBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.Confirmation;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Confirmer;
import dev.runbook.run.DriftRequest;
import dev.runbook.run.DryRunBaseline;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.run.StepStatus;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift guard in a live run, through the real SDK clients against a local endpoint: after a dry run saw the
 * group on cache.t4g.micro and Redis 7.0.7, AWS now answers cache.t4g.small and 7.0.9. The first mutating step
 * is blocked with the field-by-field difference; it goes on only when the operator types the word, and that is
 * journaled with the difference.
 */
class LiveDriftTest {
    @TempDir
    Path tmp;

    /** Answers confirmations as told and records what it was asked. */
    static final class Operator implements Confirmer {
        final List<DriftRequest> drifts = new ArrayList<>();
        final List<ConfirmRequest> confirms = new ArrayList<>();
        boolean typesTheWord;

        @Override
        public Confirmation confirm(ConfirmRequest request) {
            confirms.add(request);
            return Confirmation.declined("alice"); // "not now": nothing is sent in this test
        }

        @Override
        public Confirmation acceptDrift(DriftRequest request) {
            drifts.add(request);
            return typesTheWord && request.accepts("drift") ? new Confirmation(true, "alice", "typed drift")
                    : Confirmation.declined("alice");
        }
    }

    @Test
    void aLiveStepThatDiffersFromTheDryRunIsBlockedUntilTheWordIsTyped() throws Exception {
        Path config = DryRunAws.settings(tmp);
        Path runs = tmp.resolve("runs");
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
            Main.run(new String[] {"run", "--env", "dev", "--dry-run", "--non-interactive", "--region", "ap-northeast-2",
                "--config", config.toString(), "--runs-dir", runs.toString()}, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
        }
        Settings settings = Settings.load(config);
        Environment env = settings.environment("dev");
        Runbook runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"), env);
        Path dir = Files.createDirectories(runs.resolve("live"));
        Operator alice = new Operator();
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.small", "7.0.9");
             LiveBackend live = new LiveBackend("ap-northeast-2", "");
             Journal journal = Journal.open(dir)) {
            Run run = new Run(new RunInfo("live", dir, "alice", Map.of()), runbook, env, settings, live, journal,
                    RunListener.NONE);
            DryRunBaseline.Found found = DryRunBaseline.newest(runs, "dev", env.replicationGroupId(), Duration.ofDays(7),
                    Instant.now());
            run.holdTo(found.record(), found.why());
            run.started();
            Runbook.Entry snapshot = null;
            for (Runbook.Entry e : runbook.entries()) {
                if (e.key().equals("migrate/manual-snapshot")) {
                    snapshot = e;
                    break;
                }
                if (List.of("describe-group", "backup-exists", "no-pending-changes").contains(e.step().id())) {
                    assertEquals(StepStatus.DONE, run.runStep(e, alice).status(), e.key());
                } else if (run.state(e.key()).status() != StepStatus.NOT_APPLICABLE) {
                    run.skip(e, "not under test");
                }
            }
            assertEquals(StepStatus.PENDING, run.runStep(snapshot, alice).status(), "blocked: not sent");
            DriftRequest asked = alice.drifts.get(0);
            assertEquals(List.of("engine-version: 7.0.7 → 7.0.9",
                    "member-versions: " + DryRunAws.M + "=7.0.7 → " + DryRunAws.M + "=7.0.9",
                    "node-type: cache.t4g.micro → cache.t4g.small"), asked.differences());
            assertEquals(found.record().orElseThrow().run(), asked.dryRun());
            assertEquals(List.of(), alice.confirms, "the step's own confirmation never came up");

            alice.typesTheWord = true;
            assertEquals(StepStatus.PENDING, run.runStep(snapshot, alice).status(), "declined at its confirmation");
            assertEquals(1, alice.confirms.size(), "after the typed word the step's own confirmation comes");
            assertEquals(List.of(), aws.writes(), "nothing was sent");
        }
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent accepted = events.stream().filter(e -> e.event().equals("drift-accepted")).findFirst().orElseThrow();
        assertEquals("migrate/manual-snapshot", accepted.step());
        assertEquals("cache.t4g.micro → cache.t4g.small", accepted.facts().get("node-type"));
        assertEquals("alice (typed drift)", accepted.operator());
        assertEquals(2, events.stream().filter(e -> e.event().equals("drift")).count(), "found at both attempts");
        String report = dev.runbook.report.MarkdownReport.render(dev.runbook.report.ReportWriter.build(dir,
                java.util.Optional.of(settings)));
        assertTrue(report.contains("- migrate/manual-snapshot: engine-version: 7.0.7 → 7.0.9; member-versions: "
                + DryRunAws.M + "=7.0.7 → " + DryRunAws.M + "=7.0.9; node-type: cache.t4g.micro → cache.t4g.small"
                + " — went on: alice (typed drift) typed the word"), report);
    }
}
