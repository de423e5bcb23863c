package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one table of keys: what a key asks for, what the status bar and ? say about it — no screen needed. */
class RunKeyTest {
    private static KeyStroke key(char c) {
        return new KeyStroke(c, false, false);
    }

    @Test
    void aKeyMeansWhatItsRowSaysAndTheFocusedLogTakesItsKeysFirst() {
        assertEquals(Optional.of(RunKey.Command.UP), RunKey.command(new KeyStroke(KeyType.ArrowUp), false));
        assertEquals(Optional.of(RunKey.Command.DOWN), RunKey.command(key('j'), false));
        assertEquals(Optional.of(RunKey.Command.LOG_UP), RunKey.command(new KeyStroke(KeyType.ArrowUp), true));
        assertEquals(Optional.of(RunKey.Command.LOG_BACK), RunKey.command(key('l'), true));
        assertEquals(Optional.of(RunKey.Command.LOG), RunKey.command(key('l'), false));
        assertEquals(Optional.of(RunKey.Command.QUIT), RunKey.command(key('q'), true), "q still quits from the log");
        assertEquals(Optional.of(RunKey.Command.DOWN), RunKey.command(key('j'), true), "j still moves from the log");
        assertEquals(Optional.empty(), RunKey.command(key('Q'), false), "the screen's keys are lower case");
        assertEquals(Optional.empty(), RunKey.command(key('y'), false), "y answers a confirmation, not the screen");
    }

    @Test
    void aConfirmationReadsYesFromYAndNoFromNOrEsc() {
        assertEquals(Optional.of(true), RunKey.yesOrNo(key('Y')));
        assertEquals(Optional.of(false), RunKey.yesOrNo(key('n')));
        assertEquals(Optional.of(false), RunKey.yesOrNo(new KeyStroke(KeyType.Escape)));
        assertEquals(Optional.empty(), RunKey.yesOrNo(key('x')));
        assertEquals(Optional.empty(), RunKey.yesOrNo(new KeyStroke(KeyType.Enter)));
    }

    @Test
    void theStatusBarOffersTheKeysOfEachState() {
        assertEquals(new RunKey.Hint("↑↓/jk move · Enter run · l log · r report · ? help · q quit",
                "Enter run ↑↓ move ? help q quit"), RunKey.hint(RunKey.State.READY, null));
        assertEquals(new RunKey.Hint("running describe… · l log · ? help · q quit", "running… ? help q quit"),
                RunKey.hint(RunKey.State.RUNNING, "describe"));
        assertEquals(new RunKey.Hint("confirm upgrade: answer in the dialog", "confirm: answer in the dialog"),
                RunKey.hint(RunKey.State.CONFIRMING, "upgrade"));
        assertEquals(new RunKey.Hint("FAILED: t retry · s skip · b rollback · a abort · ? help · q quit",
                "t retry s skip b rollback a abort"), RunKey.hint(RunKey.State.FAILED, null));
        assertEquals(new RunKey.Hint("REFUSED (log says why): run the steps it waits for · s skip one (reason) · ? help",
                "REFUSED: see log · s skip ? help"), RunKey.hint(RunKey.State.REFUSED, null));
        assertEquals(new RunKey.Hint("LOG: ↑↓ PgUp PgDn scroll · Esc back", "LOG: ↑↓ PgUp PgDn scroll · Esc back"),
                RunKey.hint(RunKey.State.LOG, null));
    }

    @Test
    void helpListsEveryKeyUnderItsHeadingInTheKeyColumn() {
        // the ? screen as it was written by hand before the table drove it
        assertEquals(List.of(
                Line.heading("Moving"),
                Line.of("↑ ↓  or  k j     select a step"),
                Line.of("PgUp PgDn        scroll the step pane"),
                Line.of("Enter            run the selected step (then the next one is selected); a change"),
                Line.of("                 runs only after every earlier step ended, else the log says why"),
                Line.of("s                skip the selected step (asks for a reason, recorded)"),
                Line.heading("Confirming a step"),
                Line.of("y / n            go ahead / not now"),
                Line.of("<group id> Enter where the step asks for the replication group id typed out"),
                Line.of("Esc              not now"),
                Line.heading("After a failure"),
                Line.of("t                retry the failed step"),
                Line.of("s                skip it (asks for a reason, recorded in the report)"),
                Line.of("b                go to the rollback section (any time; journaled)"),
                Line.of("a                abort the run (asks for a reason)"),
                Line.heading("Any time"),
                Line.of("l                focus the log (↑↓ PgUp PgDn scroll, Esc back)"),
                Line.of("r                the report so far"),
                Line.of("?                this help"),
                Line.of("q                quit (asks first; says what a step in flight would leave)"),
                Line.heading("Marks"),
                Line.of("' ' pending  > running  ✓ done  ✗ failed  - skipped  ~ would run (dry-run)  · n/a")), RunKey.help());
    }
}
