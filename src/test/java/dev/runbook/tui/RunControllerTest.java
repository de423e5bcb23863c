package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.action.Mode;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Confirmer;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.StepStatus;
import dev.runbook.runbook.Runbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run screen's state machine without a widget: keys in, what it asks of its view and its status bar out. */
class RunControllerTest {
    @TempDir
    Path dir;
    private final ManualExecutor guiThread = new ManualExecutor();
    private final FakeView view = new FakeView();
    private RunController controller;

    /** A view that writes down what it is asked; the worker runs steps at once, the GUI thread when told. */
    static final class FakeView implements RunView {
        final List<String> asked = new ArrayList<>();
        Consumer<Boolean> quitAnswer;
        Runnable lastClosed;
        List<Line> lastRead;
        boolean closed;

        @Override
        public Confirmer confirmer() {
            return new Confirmer() {
                @Override
                public Confirmation confirm(ConfirmRequest request) {
                    return Confirmation.declined("alice");
                }
            };
        }

        @Override
        public void read(String title, List<Line> lines, Runnable closed) {
            asked.add("read " + title);
            lastRead = lines;
            lastClosed = closed;
        }

        @Override
        public void changeRefused(Runbook.Entry entry, String why) {
            asked.add("refused " + entry.key());
        }

        @Override
        public void askWhySkip(Runbook.Entry entry, Consumer<String> reason) {
            asked.add("why skip " + entry.key());
        }

        @Override
        public void askWhyAbort(Consumer<String> reason) {
            asked.add("why abort");
        }

        @Override
        public void askToQuit(Runbook.Entry running, boolean confirming, Consumer<Boolean> yes) {
            asked.add("quit? " + (running == null ? "nothing in flight" : running.key()));
            quitAnswer = yes;
        }

        @Override
        public boolean confirmationOpen() {
            return false;
        }

        @Override
        public boolean confirmationOnTop() {
            return false;
        }

        @Override
        public void pageStep(int direction) {
            asked.add("page step " + direction);
        }

        @Override
        public void scrollLog(int lines) {
            asked.add("scroll log " + lines);
        }

        @Override
        public void pageLog(int direction) {
            asked.add("page log " + direction);
        }

        @Override
        public void stepSelected() {
        }

        @Override
        public void invalidate() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private RunController open() {
        controller = new RunController(TestRuns.run(dir, "dev", Mode.REHEARSAL), guiThread, Runnable::run,
                Runnable::run, () -> Instant.parse("2026-11-29T05:30:00Z"));
        controller.attach(view);
        guiThread.runAll();
        return controller;
    }

    private void press(KeyStroke key) {
        controller.key(key);
        guiThread.runAll();
    }

    private void press(char c) {
        press(new KeyStroke(c, false, false));
    }

    @Test
    void questionMarkShowsTheTablesHelp() {
        open();
        press('?');
        assertEquals(List.of("read Keys"), view.asked);
        assertEquals(RunKey.help(), view.lastRead);
    }

    @Test
    void enterRunsTheSelectedStepAndAFailureChangesTheKeysOnOffer() {
        open();
        assertEquals("precheck/describe", controller.selected().key());
        assertEquals("↑↓/jk move · Enter run · l log · r report · ? help · q quit", controller.statusLine().keys());
        press(new KeyStroke(KeyType.Enter));
        assertEquals(StepStatus.DONE, controller.run().state("precheck/describe").status());
        assertEquals("precheck/flaky", controller.selected().key());
        press(new KeyStroke(KeyType.Enter));
        assertEquals(StepStatus.FAILED, controller.run().state("precheck/flaky").status());
        assertEquals("FAILED: t retry · s skip · b rollback · a abort · ? help · q quit", controller.statusLine().keys());
        press('s');
        assertEquals(List.of("why skip precheck/flaky"), view.asked);
    }

    /**
     * The tree shows a step done as soon as the run records it; its hand-back to the screen comes a moment later. An
     * Enter in between acts on what the operator sees (the next step), not "still running" (seen under load in
     * DriftDialogE2ETest: the Enter after the ✓ was refused and the dialog never came).
     */
    @Test
    void enterBetweenAStepsEndAndItsHandBackRunsTheNextStep() {
        open();
        controller.key(new KeyStroke(KeyType.Enter)); // runs describe; its hand-back waits on the GUI thread
        assertEquals(StepStatus.DONE, controller.run().state("precheck/describe").status());
        controller.key(new KeyStroke(KeyType.Enter));
        assertEquals(StepStatus.FAILED, controller.run().state("precheck/flaky").status(), "the next step ran");
        guiThread.runAll(); // both hand-backs arrive: the first is already taken
        assertEquals("precheck/flaky", controller.selected().key());
        assertEquals("FAILED: t retry · s skip · b rollback · a abort · ? help · q quit", controller.statusLine().keys());
    }

    @Test
    void theFocusedLogTakesTheArrowsUntilEscAndQStillAsksToQuit() {
        open();
        press('l');
        assertEquals("LOG: ↑↓ PgUp PgDn scroll · Esc back", controller.statusLine().keys());
        press(new KeyStroke(KeyType.ArrowDown));
        press(new KeyStroke(KeyType.PageUp));
        assertEquals(List.of("scroll log 1", "page log -1"), view.asked);
        assertEquals("precheck/describe", controller.selected().key(), "the arrows scrolled the log");
        press(new KeyStroke(KeyType.Escape));
        press(new KeyStroke(KeyType.ArrowDown));
        assertEquals("precheck/flaky", controller.selected().key());
        press('q');
        press('q');
        assertEquals("quit? nothing in flight", view.asked.get(view.asked.size() - 1));
        assertEquals(1, view.asked.stream().filter(a -> a.startsWith("quit?")).count(), "asked once");
        assertNull(controller.ending());
        view.quitAnswer.accept(true);
        assertEquals(new RunController.Ending(1, "quit by the operator", true), controller.ending());
        assertTrue(view.closed);
    }
}
