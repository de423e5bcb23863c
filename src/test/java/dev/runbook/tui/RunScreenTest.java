package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.action.Mode;
import dev.runbook.run.Interrupt;
import dev.runbook.run.Run;
import dev.runbook.run.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run screen on a headless 80x24 terminal, driven by keys, compared as text. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunScreenTest {
    @TempDir
    Path dir;
    Screens s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.worker.close();
        }
    }

    private Screens open(String env, Mode mode) {
        s = new Screens(dir, env, mode, 80, 24);
        return s;
    }

    @Test
    void firstScreenShowsTheTreeWithMarksTheSelectedStepAndTheStatusBar() {
        List<String> rows = open("dev", Mode.REHEARSAL).virtual.rows();
        assertEquals("┌─Runbook────────────────┐┌─Step───────────────────────────────────────────────┐", rows.get(0));
        assertEquals(List.of("│Pre-check", "│▸  describe", "│   flaky", "│Migrate", "│   upgrade", "│ · sdk-only",
                        "│Monitor", "│   cloudwatch", "│Rollback (on demand: b)", "│   restore"),
                rows.subList(1, 11).stream().map(r -> r.substring(0, r.indexOf('│', 1)).stripTrailing()).toList());
        assertTrue(rows.get(1).endsWith("││The group is available                              │"), rows.get(1));
        assertEquals("[REHEARSAL] dev │ 00:00 │ window 1h30m left │ Enter run ↑↓ move ? help q quit", rows.get(23));
    }

    @Test
    void koreanGuideWordingIsDrawnInTwoColumnsACharacterAndKeepsTheBorderInPlace() {
        open("dev", Mode.REHEARSAL);
        List<String> rows = s.virtual.rows();
        assertEquals("││가이드: 애플리케이션 연결 확인                      │", rows.get(2).substring(25));
        // the right border is in the last column on the Korean row as on every other row
        assertEquals('│', s.virtual.terminal.getCharacter(79, 2).getCharacter());
        assertEquals('가', s.virtual.terminal.getCharacter(27, 2).getCharacter());
        assertEquals('이', s.virtual.terminal.getCharacter(29, 2).getCharacter());
        assertEquals(27 + 26, s.virtual.columnOf(2, "확인"));
    }

    @Test
    void enterRunsTheSelectedStepAndMovesTheSelectionToTheNext() {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter);
        List<String> rows = s.virtual.rows();
        assertTrue(rows.get(2).startsWith("│ ✓ describe "), rows.get(2));
        assertTrue(rows.get(3).startsWith("│▸  flaky "), rows.get(3));
        assertEquals(StepStatus.DONE, s.run.state("precheck/describe").status());
        assertTrue(s.text().contains("✓ precheck/describe done: Describe the group: done"), s.text());
        assertTrue(s.text().contains("event: Describe the group"), s.text());
    }

    @Test
    void aDryRunGoesOnAfterAFailureAndEndsWithThePreflightSummary() {
        open("dev", Mode.DRY_RUN).key(KeyType.Enter).key(KeyType.Enter);
        assertEquals(StepStatus.FAILED, s.run.state("precheck/flaky").status());
        assertTrue(s.virtual.rows().get(5).startsWith("│▸  upgrade "), "the next step comes up: " + s.text());
        assertTrue(s.text().contains("listed in the pre-flight summary"), s.text());
        s.key(KeyType.Enter).key(KeyType.Enter);
        assertEquals(StepStatus.WOULD_RUN, s.run.state("migrate/upgrade").status());
        String summary = s.text();
        assertTrue(summary.contains("Pre-flight summary"), summary);
        assertTrue(summary.contains("Pre-flight: 1 problem, 1 change would be sent"), summary);
        assertTrue(summary.contains("✗ precheck/flaky: failed: no snapshot younger than 24h"), summary);
        assertNull(s.session.controller().ending(), "the summary is read before the run ends");
        s.key(KeyType.Enter);
        assertEquals(1, s.session.controller().ending().code(), "a problem: exit 1");
        assertEquals("dry run: 1 problem, 1 change would be sent", s.session.controller().ending().summary());
    }

    @Test
    void afterAFailureTheStatusBarOffersRetrySkipRollbackAbortAndTRetries() {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key(KeyType.Enter);
        assertTrue(s.virtual.rows().get(3).startsWith("│▸✗ flaky "), s.virtual.rows().get(3));
        assertEquals("[REHEARSAL] dev │ 00:00 │ window 1h30m left │ t retry s skip b rollback a abort",
                s.virtual.rows().get(23));
        assertTrue(s.text().contains("failed: no snapshot younger than 24h: take one, then"), s.text());
        s.key('t');
        assertEquals(StepStatus.DONE, s.run.state("precheck/flaky").status());
        assertTrue(s.virtual.rows().get(5).startsWith("│▸  upgrade "), s.virtual.rows().get(5));
    }

    @Test
    void skipAsksForAReasonAndRecordsIt() throws Exception {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key(KeyType.Enter).key('s');
        assertTrue(s.text().contains("Why skip precheck/flaky?"), s.text());
        s.key(KeyType.Enter);
        assertTrue(s.text().contains("a reason is required (it goes into the report)"), s.text());
        s.type("snapshot taken by hand").key(KeyType.Enter);
        assertEquals(StepStatus.SKIPPED, s.run.state("precheck/flaky").status());
        assertEquals("snapshot taken by hand", s.run.state("precheck/flaky").reason());
        assertTrue(Files.readString(s.run.journal().file()).contains("\"skipped by alice: snapshot taken by hand\""));
    }

    @Test
    void aMutatingStepAsksYesOrNoAndNLeavesItPending() {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key(KeyType.Enter).key('t').key(KeyType.Enter);
        assertTrue(s.text().contains("Confirm migrate/upgrade"), s.text());
        assertTrue(s.text().contains("Target group: goorm-popcorn-cache-dev"), s.text());
        assertTrue(s.text().contains("y = go ahead    n / Esc = not now"), s.text());
        s.key('n');
        assertEquals(StepStatus.PENDING, s.run.state("migrate/upgrade").status());
        assertTrue(s.text().contains("migrate/upgrade: not confirmed, nothing sent"), s.text());
        s.key(KeyType.Enter).key('y');
        assertEquals(StepStatus.DONE, s.run.state("migrate/upgrade").status());
        assertEquals("alice (y)", s.run.state("migrate/upgrade").confirmation());
    }

    @Test
    void liveProdIsUnmistakableAndItsRiskyStepWantsTheTypedGroupId() {
        open("prod", Mode.LIVE);
        String bar = s.virtual.rows().get(23);
        assertTrue(bar.startsWith("!! LIVE PROD !! prod │ 00:00 │ window 30m left │ "), bar);
        assertTrue(s.virtual.terminal.getCharacter(0, 23).isReversed());
        s.key(KeyType.Enter).key(KeyType.Enter).key('t').key(KeyType.Enter);
        assertTrue(s.text().contains("Type goorm-popcorn-cache-prod and Enter to go ahead; Esc = not now"), s.text());
        s.type("goorm-popcorn-cache-dev").key(KeyType.Enter);
        assertTrue(s.text().contains("'goorm-popcorn-cache-dev' is not goorm-popcorn-cache-prod: type the group id"),
                s.text());
        assertEquals(StepStatus.PENDING, s.run.state("migrate/upgrade").status());
        s.type("goorm-popcorn-cache-prod").key(KeyType.Enter);
        assertEquals(StepStatus.DONE, s.run.state("migrate/upgrade").status());
        assertEquals("alice (typed id)", s.run.state("migrate/upgrade").confirmation());
    }

    @Test
    void quitAsksFirstAndYesLeavesTheRunResumableWithoutJournalingAnAbort() throws Exception {
        open("dev", Mode.REHEARSAL).key('q');
        assertTrue(s.text().contains("Quit the run here? Nothing is in flight."), s.text());
        s.key('n');
        assertNull(s.session.controller().ending());
        s.key('q').key('y');
        assertEquals(new RunController.Ending(1, "quit by the operator", true), s.session.controller().ending());
        assertFalse(s.session.gui().getWindows().contains(s.session.window()));
        // the end is journaled by RunbookTui once the worker stopped: a quit, never an abort or a run-ended
        assertFalse(Files.readString(s.run.journal().file()).contains("\"event\":\"aborted\""));
    }

    private static final KeyStroke CTRL_C =
            new KeyStroke('c', true, false);

    @Test
    void ctrlCAsksAsQDoesAndYesEndsTheRunSoThatItCanBeResumed() throws Exception {
        open("dev", Mode.REHEARSAL).key(CTRL_C);
        assertTrue(s.text().contains("Quit the run here? Nothing is in flight."), s.text());
        s.key(CTRL_C);
        assertEquals(2, s.session.gui().getWindows().size(), "a second Ctrl-C does not stack a second question");
        s.key('n');
        assertNull(s.session.controller().ending());
        s.key(CTRL_C).key('y');
        assertEquals(new RunController.Ending(1, "quit by the operator", true), s.session.controller().ending());
    }

    @Test
    void ctrlCInsideAConfirmationAsksToQuitAndNoReturnsToTheConfirmationWithNothingSent() throws Exception {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key(KeyType.Enter).key('t').key(KeyType.Enter);
        assertTrue(s.text().contains("Confirm migrate/upgrade"), s.text());
        s.key(CTRL_C);
        assertTrue(s.text().contains("migrate/upgrade is waiting for your confirmation"), s.text());
        s.key('n');
        assertTrue(s.text().contains("y = go ahead    n / Esc = not now"), s.text());
        assertNull(s.session.controller().ending());
        // the worker stays blocked in the confirmation (the real screen interrupts it once it has closed)
        s.key(CTRL_C).keyUntil(new KeyStroke('y', false, false),
                text -> s.session.controller().ended());
        assertEquals(1, s.session.controller().ending().code());
        assertTrue(s.session.controller().ending().resumable());
        assertFalse(Files.readString(s.run.journal().file()).contains("\"step\":\"migrate/upgrade\",\"event\":\"confirmed\""),
                "quitting from the confirmation sent nothing");
    }

    @Test
    void sigtermLeavesWithoutAskingAndJournalsTheSignalAndTheStepInFlight() throws Exception {
        open("dev", Mode.REHEARSAL);
        s.session.gui().getGUIThread().invokeLater(() -> s.session.controller().interrupted(
                new Interrupt("SIGTERM", false, 143)));
        s.settle();
        assertEquals(new RunController.Ending(143, "interrupted by SIGTERM", true), s.session.controller().ending());
        assertTrue(s.run.interruption().isPresent(), "the run knows it was interrupted; the screen journals it as a quit when it is left");
    }

    @Test
    void enterOnAChangeBeforeTheStepsBeforeItEndedSaysWhyAndOpensNoConfirmation() throws Exception {
        open("dev", Mode.REHEARSAL).key('j').key('j').key(KeyType.Enter);
        assertTrue(s.session.gui().getActiveWindow() instanceof TextDialog, "no confirmation opened");
        assertTrue(s.text().contains("Not yet: migrate/upgrade"), s.text());
        assertTrue(s.text().contains("migrate/upgrade refused: nothing was sent, nothing journaled."), s.text());
        assertTrue(s.text().contains("  precheck/flaky"), s.text());
        s.key(KeyType.Escape);
        assertEquals(1, s.session.gui().getWindows().size());
        assertTrue(s.text().contains("✗ migrate/upgrade refused, nothing sent: waiting for:"), s.text());
        assertTrue(s.text().contains("precheck/describe, precheck/flaky. Run those first, or skip a step with"), s.text());
        assertEquals("[REHEARSAL] dev │ 00:00 │ window 1h30m left │ REFUSED: see log · s skip ? help",
                s.virtual.rows().get(23));
        assertEquals(StepStatus.PENDING, s.run.state("migrate/upgrade").status());
        assertFalse(Files.readString(s.run.journal().file()).contains("migrate/upgrade"), "nothing journaled");
        s.key('k');
        assertFalse(s.virtual.rows().get(23).contains("REFUSED"), "the hint goes when the selection moves");
    }

    @Test
    void sSkipsTheSelectedStepWithAReasonAndThenTheChangeMayRun() throws Exception {
        open("dev", Mode.REHEARSAL).key('s').type("checked by hand").key(KeyType.Enter);
        s.key('s').type("the backup is a day old, accepted").key(KeyType.Enter);
        assertEquals(StepStatus.SKIPPED, s.run.state("precheck/describe").status());
        assertEquals(StepStatus.SKIPPED, s.run.state("precheck/flaky").status());
        assertTrue(Files.readString(s.run.journal().file()).contains("\"skipped by alice: checked by hand\""));
        s.key(KeyType.Enter);
        assertTrue(s.text().contains("Confirm migrate/upgrade"), s.text());
    }

    @Test
    void bJournalsRollbackStartedOnceAndAResumedRollbackOpensThere() throws Exception {
        open("dev", Mode.REHEARSAL).key('b').key('b');
        long started = Files.readAllLines(s.run.journal().file()).stream()
                .filter(l -> l.contains("\"event\":\"rollback-started\"")).count();
        assertEquals(1, started);
        s.worker.close();

        Path again = Files.createDirectories(dir.resolve("again"));
        Run resumed = TestRuns.run(again, "dev", Mode.REHEARSAL);
        resumed.rollbackStarted(null, "as a resume restores it");
        s = new Screens(resumed, 80, 24);
        assertTrue(s.virtual.rows().get(10).startsWith("│▸  restore "), s.virtual.rows().get(10));
    }

    @Test
    void aRollbackWithAStepTheOperatorSkippedDoesNotEndRolledBack() {
        open("dev", Mode.REHEARSAL).key('b').key('s').type("restored by hand").key(KeyType.Enter);
        assertEquals(new RunController.Ending(1, "rollback ended with step(s) skipped (rollback/restore): not verified"
                + " as rolled back; check the group", false), s.session.controller().ending());
    }

    @Test
    void bGoesToTheRollbackSectionAndAAbortsWithAReason() {
        open("dev", Mode.REHEARSAL).key('b');
        assertTrue(s.virtual.rows().get(10).startsWith("│▸  restore "), s.virtual.rows().get(10));
        s.key('a').type("engine change refused by AWS").key(KeyType.Enter);
        assertEquals(new RunController.Ending(1, "aborted: engine change refused by AWS", false), s.session.controller().ending());
    }

    @Test
    void theLastStepEndsTheRunWithExitCodeZero() {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key(KeyType.Enter).key('t').key(KeyType.Enter).key('y');
        s.key(KeyType.Enter);
        assertEquals(new RunController.Ending(0, "completed", false), s.session.controller().ending());
    }

    @Test
    void aMonitorStepShowsASparklinePerNodeWithItsLimitMarked() {
        open("dev", Mode.REHEARSAL);
        s.key('j').key('j').key('j').key('j').key(KeyType.Enter);
        // the selection wrapped to the first unfinished step; walk back to cloudwatch
        assertEquals("precheck/describe", s.session.controller().selected().key());
        s.key('j').key('j').key('j').key('j').key(KeyType.PageDown);
        String text = s.text();
        assertTrue(text.contains("goorm-popcorn-cache-dev-001"), text);
        assertTrue(text.contains("  CPUUtilization max 40 limit 80"), text);
        assertTrue(text.contains("  ▂▃▄▅"), text);
        assertTrue(text.contains("! CPUUtilization max 95 limit 80 OVER"), text);
        assertTrue(text.contains("  ▅█▅▂"), text);
        assertTrue(text.contains("   ^"), text);
    }

    @Test
    void rShowsTheReportSoFarALineAStep() {
        open("dev", Mode.REHEARSAL).key(KeyType.Enter).key('r');
        String text = s.text();
        assertTrue(text.contains("Report so far"), text);
        assertTrue(text.contains("│✓ precheck/describe — done: Describe the group: done"), text);
        assertTrue(text.contains("│· migrate/sdk-only — n/a: applies only when migration-method = sdk"), text);
        s.key('q');
        assertFalse(s.text().contains("Report so far"), s.text());
        assertNull(s.session.controller().ending());
    }

    @Test
    void lFocusesTheLogUntilEsc() {
        open("dev", Mode.REHEARSAL).key('l');
        assertTrue(s.virtual.rows().get(23).endsWith("│ LOG: ↑↓ PgUp PgDn scroll · Esc back"), s.virtual.rows().get(23));
        s.key(KeyType.ArrowDown);
        assertEquals("precheck/describe", s.session.controller().selected().key());
        s.key(KeyType.Escape).key(KeyType.ArrowDown);
        assertEquals("precheck/flaky", s.session.controller().selected().key());
    }

    @Test
    void helpListsTheKeysAndEscClosesIt() {
        open("dev", Mode.REHEARSAL).key('?');
        assertTrue(s.text().contains("s                skip it (asks for a reason, recorded in the report)"), s.text());
        s.key(KeyType.Escape);
        assertFalse(s.text().contains("skip it (asks"), s.text());
    }

    @Test
    void theScreenFollowsTheTerminalWhenItGrowsAndShrinks() {
        open("dev", Mode.DRY_RUN);
        s.virtual.terminal.setTerminalSize(new TerminalSize(120, 40));
        s.advance(Duration.ofSeconds(75));
        List<String> rows = s.virtual.rows();
        assertEquals("[DRY-RUN] dev │ elapsed 01:15 │ window 1h30m left │ ↑↓/jk move · Enter run"
                + " · l log · r report · ? help · q quit", rows.get(39));
        assertEquals('┐', s.virtual.terminal.getCharacter(119, 0).getCharacter());
        s.virtual.terminal.setTerminalSize(new TerminalSize(50, 12));
        s.settle();
        assertEquals("[DRY-RUN] Enter run ↑↓ move ? help q quit", s.virtual.rows().get(11));
        assertEquals('┘', s.virtual.terminal.getCharacter(49, 10).getCharacter());
    }
}
