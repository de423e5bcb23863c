package dev.runbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.OrderedMaps;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.JournalReplay;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's step rows and result follow what is true at the end: every step of the runbook once, in runbook
 * order (not journal order), with its last outcome and how many times it ran; "reconciled on resume" only when
 * the reconciliation said done; a skip is not an attempt; "rolled back" only when something was restored; the
 * cost "after" is Valkey only when the group ended on it; the engine after names its version.
 */
class ReportRowsTest {
    private static final String ID = "20261129-043000-dev";
    private static final String G = "goorm-popcorn-cache-dev";
    private final Settings settings = TestSettings.load();
    private final Environment dev = settings.environment("dev");

    @TempDir
    Path dir;

    private void event(String ts, String step, String event, Boolean mutates, String summary, Map<String, String> facts) {
        try (Journal j = Journal.open(dir)) {
            j.append(new JournalEvent("2026-11-29T04:" + ts + "Z", ID, step, event, mutates, summary, facts, null,
                    "alice", null, null));
        }
    }

    private CompletionReport report() {
        var runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"), dev);
        return CompletionReportBuilder.build(JournalReplay.of(Journal.read(dir.resolve(Journal.FILE))),
                Optional.of(settings), Optional.of(PlannedStep.of(runbook, dev)));
    }

    private String outcome(CompletionReport r, String key) {
        return r.steps().stream().filter(s -> s.step().equals(key)).map(CompletionReport.StepLine::outcome)
                .findFirst().orElseThrow(() -> new AssertionError(key + " has no row"));
    }

    private void start() {
        event("30:00", null, "run-started", null, "start", OrderedMaps.of("mode", "REHEARSAL", "environment", "dev",
                "replication-group", G));
    }

    @Test
    void everyStepOfTheRunbookAppearsOnceInRunbookOrderWithItsLastOutcomeAndAttempts() {
        start();
        // journal order differs from runbook order
        event("30:01", "precheck/backup-exists", "started", false, "s", null);
        event("30:02", "precheck/backup-exists", "failed", false, "too old", null);
        event("30:03", "precheck/backup-exists", "skipped", false, "skipped by alice: known", null);
        event("30:04", "precheck/describe-group", "started", false, "s", null);
        event("30:05", "precheck/describe-group", "succeeded", false, "ok", null);
        event("30:06", "migrate/manual-snapshot", "started", true, "s", null);
        event("30:07", "migrate/manual-snapshot", "reconciled", true, "no snapshot: it may run",
                OrderedMaps.of("resolution", "pending"));
        event("30:08", "migrate/manual-snapshot", "started", true, "s", null);
        event("30:09", "migrate/manual-snapshot", "succeeded", true, "taken", OrderedMaps.of("snapshot-name", "x"));
        event("30:10", "migrate/terraform-apply", "started", true, "s", null);
        event("30:11", "migrate/terraform-apply", "reconciled", true, "engine is valkey",
                OrderedMaps.of("resolution", "done"));

        CompletionReport r = report();

        var runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"), dev);
        assertEquals(runbook.entries().stream().map(e -> e.key()).toList(),
                r.steps().stream().map(CompletionReport.StepLine::step).toList());
        assertEquals("done", outcome(r, "precheck/describe-group"));
        assertEquals("skipped", outcome(r, "precheck/backup-exists"));
        assertEquals(1, r.steps().stream().filter(s -> s.step().equals("precheck/backup-exists")).findFirst()
                .orElseThrow().attempts(), "a skip after one failure is not a second attempt");
        assertEquals("done", outcome(r, "migrate/manual-snapshot"), "reconciled pending, then ran: not 'reconciled'");
        assertEquals("done (reconciled on resume)", outcome(r, "migrate/terraform-apply"));
        assertEquals("not run", outcome(r, "precheck/no-pending-changes"));
        assertEquals("not applicable", outcome(r, "migrate/upgrade-engine"));
        assertEquals("not run (rollback, on demand)", outcome(r, "rollback/restore-snapshot"));
        String md = MarkdownReport.render(r);
        assertTrue(md.contains("| migrate/manual-snapshot (mutates) | done (2 attempts) |"), md);
        assertFalse(md.contains("skipped (attempt 2)") || md.contains("skipped (2 attempts)"), md);
    }

    @Test
    void aRollbackThatRestoredNothingIsNotRolledBackAndTheCostStaysOnRedis() {
        start();
        event("30:01", "migrate/upgrade-engine", "started", true, "s", null);
        event("30:02", "migrate/upgrade-engine", "failed", true, "refused", null);
        event("30:03", null, "rollback-started", null, "rollback", null);
        event("30:04", "rollback/restore-snapshot", "started", true, "s", null);
        event("30:05", "rollback/restore-snapshot", "skipped", true, "No restore needed: still runs redis", null);
        event("30:06", null, "run-ended", null, "rolled back", null);

        CompletionReport r = report();

        assertEquals("rollback section finished, but nothing was restored (no step recorded a restored group): " + G
                + " is what the clients use", r.header().result());
        assertEquals("11.68 USD (1 × cache.t4g.micro redis); the group did not end on valkey", r.cost().after().text());
        assertEquals("+0.00 USD/month (+0%)", r.cost().verdict());
    }

    @Test
    void theEngineAfterNamesItsVersionAndTheCostFollowsValkeyWhenTheGroupEndedOnIt() {
        start();
        event("30:01", "migrate/await-upgrade", "started", false, "s", null);
        event("30:02", "migrate/await-upgrade", "succeeded", false, "ok", OrderedMaps.of("engine-after", "valkey",
                "member-versions-after", G + "-001=8.0.1"));
        event("30:03", null, "run-ended", null, "completed", null);

        CompletionReport r = report();

        assertEquals("valkey 8.0.1", r.engine().get(0).after().text());
        assertEquals("9.34 USD (1 × cache.t4g.micro valkey)", r.cost().after().text());
        assertEquals("completed", r.header().result());
    }

    @Test
    void anEngineAfterWithoutMemberVersionsSaysTheVersionIsUnknown() {
        start();
        event("30:01", "migrate/await-upgrade", "started", false, "s", null);
        event("30:02", "migrate/await-upgrade", "succeeded", false, "ok", OrderedMaps.of("engine-after", "valkey"));
        assertEquals("valkey (version unknown: no member version was recorded)",
                report().engine().get(0).after().text());
    }
}
