package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.action.ActionRegistry;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.Autopilot;
import dev.runbook.run.BudgetRequest;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Confirmer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance window's time budget on prod rehearsals (apply-immediately = false: the window AWS applies the
 * change in): a window with too little left refuses the engine change with the numbers, nothing sent, and a
 * non-interactive run ends 1; an earlier slow run of the environment in the runs folder moves the estimate; the
 * operator's typed word sends it anyway and is journaled with the numbers.
 */
class TimeBudgetRehearsalTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Settings whose rehearsal clock starts {@code offset} after the window opened (prod's is 2 hours). */
    private Path settingsStartingAt(String offset) throws Exception {
        Path f = tmp.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf"))
                + "\nrunbook.rehearsal.start-offset = " + offset + "\n");
        return f;
    }

    private int rehearse(Path config, Path runs) {
        return Main.run(new String[] {"rehearse", "--env", "prod", "--non-interactive", "--speed", "600",
                "--runs-dir", runs.toString(), "--config", config.toString()}, new PrintWriter(out), new PrintWriter(err));
    }

    private static Path only(Path runs) throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(Journal.FILE))).findFirst().orElseThrow();
        }
    }

    @Test
    void aWindowTooShortForTheRestRefusesTheEngineChangeNothingSentNumbersInTheMessageAndTheReport() throws Exception {
        Path runs = tmp.resolve("runs");
        int code = rehearse(settingsStartingAt("100m"), runs);   // 20 minutes of prod's 2-hour window left

        assertEquals(1, code, out.toString());
        Path dir = only(runs);
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent budget = events.stream().filter(e -> e.event().equals("budget")).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString()));
        assertEquals("migrate/terraform-apply", budget.step(), "the engine change, found by what its action declares");
        assertEquals("too-short", budget.facts().get("budget-verdict"));
        assertEquals("60", budget.facts().get("budget-needs-min"), "20 + 5 + 15 + 20 minutes of reference.conf");
        long left = Long.parseLong(budget.facts().get("budget-left-min"));
        assertTrue(left < 20, "what is left of the window: " + left);
        assertEquals("20 min (estimates.rollback)", budget.facts().get("budget.rollback"));
        assertTrue(budget.summary().startsWith("The maintenance window cannot hold the rest of"
                + " the change: needs 60 min (estimates), " + left + " min left (upgrade 20 min (estimates.upgrade) + "),
                budget.summary());
        assertFalse(events.stream().anyMatch(e -> "migrate/terraform-apply".equals(e.step())
                && !e.event().equals("budget")), "nothing journaled as started, confirmed or sent for the change");
        assertFalse(events.stream().anyMatch(e -> "migrate/await-upgrade".equals(e.step())), "the run stopped there");
        String aborted = events.stream().filter(e -> e.event().equals("aborted")).findFirst().orElseThrow().summary();
        assertEquals("the maintenance window cannot hold the rest of the change: needs 60 min (estimates), " + left
                + " min left; nothing sent. Wait for a longer window, or type overrun in the dialog to go on anyway"
                + " (interactive runs only)", aborted);
        assertTrue(out.toString().contains("✗ migrate/terraform-apply: time budget: The maintenance window cannot hold"),
                out.toString());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Time budget · 시간 예산 (before the point of no return)"), report);
        assertTrue(report.contains("- migrate/terraform-apply: **too-short** — needs 60 min, " + left + " min left"),
                report);
        assertTrue(report.contains(" — refused, nothing sent"), report);
        assertTrue(report.contains("| goorm-popcorn-cache-prod-001 | 7.0.7 | not measured (step await-upgrade did not"
                + " run in this run) |"), "the upgrade never ran: " + report);
    }

    @Test
    void anEarlierSlowRunOfTheEnvironmentMovesTheEstimateToItsP95() throws Exception {
        Path runs = tmp.resolve("runs");
        // an earlier live run of prod whose upgrade (apply + wait) took 110 minutes
        Path earlier = Files.createDirectories(runs.resolve("20261101-040000-prod"));
        Instant t = Instant.parse("2026-11-01T04:00:00Z");
        try (Journal j = Journal.open(earlier)) {
            String id = "20261101-040000-prod";
            j.append(JournalEvent.at(t.toString(), id).facts(Map.of("mode", "LIVE", "environment", "prod",
                    "replication-group", "goorm-popcorn-cache-prod")).is(JournalEvent.Kind.RUN_STARTED));
            step(j, id, "migrate/terraform-apply", t.plusSeconds(60), t.plusSeconds(120));
            step(j, id, "migrate/await-upgrade", t.plusSeconds(120), t.plusSeconds(110 * 60 + 60));
        }
        Path config = tmp.resolve("application.conf");
        Files.copy(Path.of("application.conf"), config);

        int code = rehearse(config, runs);   // the default start: the whole 2-hour window ahead

        assertEquals(1, code, out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.filter(p -> !p.equals(earlier) && Files.isDirectory(p)).findFirst().orElseThrow();
        }
        JournalEvent budget = Journal.read(dir.resolve(Journal.FILE)).events().stream()
                .filter(e -> e.event().equals("budget")).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
        assertEquals("110 min (p95 of 1 earlier run (1 live, 0 rehearsals, live weighted 4x))",
                budget.facts().get("budget.upgrade"));
        assertEquals("5 min (estimates.verification)", budget.facts().get("budget.verification"),
                "parts without samples keep the settings' estimate");
        assertEquals("150", budget.facts().get("budget-needs-min"));
        assertEquals("120", budget.facts().get("budget-left-min"), "the change runs from the window's opening");
        assertTrue(budget.summary().contains("needs 150 min at p95, 120 min left"), budget.summary());
    }

    private static void step(Journal j, String id, String key, Instant from, Instant to) {
        j.append(JournalEvent.at(from.toString(), id).step(key).mutates(true).summary("s").is(JournalEvent.Kind.STARTED));
        j.append(JournalEvent.at(to.toString(), id).step(key).mutates(true).summary("ok").is(JournalEvent.Kind.SUCCEEDED));
    }

    /** Confirms every step and types the budget's word. */
    static final class Operator implements Confirmer {
        final List<BudgetRequest> asked = new ArrayList<>();

        @Override
        public Confirmation confirm(ConfirmRequest request) {
            return new Confirmation(true, "alice", "typed " + request.target());
        }

        @Override
        public Confirmation acceptBudget(BudgetRequest request) {
            asked.add(request);
            return request.accepts("overrun") ? new Confirmation(true, "alice", "typed overrun")
                    : Confirmation.declined("alice");
        }
    }

    @Test
    void theTypedWordSendsTheChangeAnywayAndIsJournaledWithTheNumbers() throws Exception {
        Settings settings = Settings.load(settingsStartingAt("100m"));
        Environment env = settings.environment("prod");
        Runbook runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"),
                env);
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve("typed"));
        Operator alice = new Operator();
        try (RehearsalBackend backend = RehearseCommand.withSimulatedServices(
                new RehearsalBackend(settings, env, 600, Set.of()), env);
             Journal journal = Journal.open(dir)) {
            Run run = new Run(new RunInfo("typed", dir, "alice", Map.of()), runbook, env, settings, backend, journal,
                    RunListener.NONE);
            run.started();
            new Autopilot(run, alice).drive();
        }
        assertEquals(1, alice.asked.size(), "asked once, before the engine change");
        assertEquals("migrate/terraform-apply", alice.asked.get(0).entry().key());
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent accepted = events.stream().filter(e -> e.event().equals("budget-accepted")).findFirst()
                .orElseThrow();
        assertEquals("alice (typed overrun)", accepted.operator());
        assertEquals("60", accepted.facts().get("budget-needs-min"));
        assertTrue(accepted.summary().startsWith("went on despite the time budget (typed 'overrun'): needs 60 min"
                + " (estimates), "), accepted.summary());
        int acceptedAt = events.indexOf(accepted);
        int startedAt = -1;
        for (int i = 0; i < events.size(); i++) {
            if ("migrate/terraform-apply".equals(events.get(i).step()) && events.get(i).event().equals("started")) {
                startedAt = i;
            }
        }
        assertTrue(startedAt > acceptedAt, "the change started only after the word was typed");
        String report = dev.runbook.report.MarkdownReport.render(dev.runbook.report.ReportWriter.build(dir,
                java.util.Optional.of(settings)));
        assertTrue(report.contains(" — OVERRIDDEN: alice (typed overrun) typed the word and the change was sent"),
                report);
    }
}
