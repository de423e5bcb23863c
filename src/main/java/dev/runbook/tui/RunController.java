package dev.runbook.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.runbook.run.ChangeRefused;
import dev.runbook.run.Interrupt;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.OrderGate;
import dev.runbook.run.PreflightSummary;
import dev.runbook.run.Run;
import dev.runbook.run.StepState;
import dev.runbook.run.StepStatus;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The run screen's state and what its keys do, apart from drawing: the selection, the step in flight, the
 * failed step, previews and live progress. Steps run on the worker executor, previews on another; results
 * come back through {@code invokeLater}. Everything here runs on the GUI thread.
 */
public final class RunController {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunController.class);
    private final Run run;
    private final WindowClock windowClock;
    private final WindowBasedTextGUI gui;
    private final Executor worker;
    private final Supplier<Instant> wall;
    private final Instant opened;
    private final List<Runbook.Entry> entries;
    private final RunbookTree tree;
    private final LogLines log = new LogLines();
    private final TextPane stepPane;
    private final TextPane logPane;
    private final StatusBar statusBar;
    private final Previews previews;
    private final GuiConfirmer confirmer;
    private Runbook.Entry running;
    private String progress;
    private Runbook.Entry failed;
    /** The step the order rule just refused (the status bar says so until the selection moves); null when none. */
    private Runbook.Entry refused;
    private boolean logFocus;
    private Ending ending;
    private Runnable onEnd = () -> { };
    private AskDialog quitting;

    /**
     * How the screen ended: the exit code, the line for the journal, and whether the run stopped before its end
     * (quit, Ctrl-C, a signal), so that the resume command is printed.
     */
    public record Ending(int code, String summary, boolean resumable) {
    }

    public RunController(Run run, WindowBasedTextGUI gui, Executor worker, Executor previewer, Supplier<Instant> wall) {
        this.run = run;
        this.windowClock = new WindowClock(run.environment().maintenanceWindow());
        this.gui = gui;
        this.worker = worker;
        this.wall = wall;
        this.opened = wall.get();
        this.entries = run.runbook().entries();
        this.tree = new RunbookTree(entries, run::state);
        this.stepPane = new TextPane(this::stepLines, false);
        this.logPane = new TextPane(log::lines, true);
        this.statusBar = new StatusBar(this::statusLine);
        this.previews = new Previews(run, previewer, this::post);
        this.confirmer = new GuiConfirmer(gui, run.info().operator(), this::quit);
        run.addListener(new TuiListener(gui, this));
        selectFirstUnfinished();
    }

    public RunbookTree tree() {
        return tree;
    }

    public TextPane stepPane() {
        return stepPane;
    }

    public TextPane logPane() {
        return logPane;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public LogLines log() {
        return log;
    }

    public Ending ending() {
        return ending;
    }

    void onEnd(Runnable r) {
        this.onEnd = r;
    }

    public boolean ended() {
        return ending != null;
    }

    boolean logFocused() {
        return logFocus;
    }

    void focusLog(boolean focus) {
        logFocus = focus;
        statusBar.invalidate();
    }

    void move(int delta) {
        select(tree.selectedIndex() + delta);
    }

    void help() {
        show(new TextDialog("Keys", HelpText.lines(), dialogSize()));
    }

    void report() {
        show(new TextDialog("Report so far", ReportSoFar.lines(run), dialogSize()));
    }

    void retry() {
        afterFailure(() -> start(failed));
    }

    /** s: the failed step, else the selected step that has not run (the order rule's only override). */
    void skipStep() {
        if (failed != null) {
            afterFailure(() -> skip(failed));
            return;
        }
        Runbook.Entry e = tree.selected();
        StepStatus status = run.state(e.key()).status();
        if (running != null) {
            note(running.key() + " is running: wait for it");
        } else if (status != StepStatus.PENDING) {
            note(e.key() + " is " + status.word() + ": only a step that has not run can be skipped");
        } else {
            skip(e);
        }
    }

    private void select(int index) {
        refused = null;
        tree.select(index);
        stepPane.reset();
        ensurePreview(tree.selected());
    }

    void runSelected() {
        Runbook.Entry e = tree.selected();
        StepStatus status = run.state(e.key()).status();
        if (running != null) {
            note(running.key() + " is still running: wait for it (q says what quitting would leave)");
        } else if (status == StepStatus.NOT_APPLICABLE) {
            note(e.key() + " does not apply here: " + run.state(e.key()).reason());
        } else if (status.finished()) {
            note(e.key() + " is already " + status.word() + "; select the next step");
        } else if (run.backend().mode().canMutate() && run.refusal(e).isPresent()) {
            // the run would refuse it too (Run.runStep): say why here instead of opening the confirmation
            refused = e;
            OrderGate.Refusal why = run.refusal(e).get();
            note("✗ " + why.line());
            show(new TextDialog("Not yet: " + e.key(), RefusalText.lines(why), dialogSize()));
        } else {
            start(e);
        }
    }

    void start(Runbook.Entry e) {
        refused = null;
        running = e;
        progress = null;
        tree.select(entries.indexOf(e));
        stepPane.reset();
        worker.execute(() -> {
            try {
                StepState s = run.runStep(e, confirmer);
                post(() -> stepEnded(e, s));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (ChangeRefused ex) {
                post(() -> {
                    running = null;
                    note("✗ " + e.key() + " refused: " + ex.getMessage());
                    show(Questions.refused(e, ex.getMessage(), dialogWidth()));
                    statusBar.invalidate();
                });
            } catch (RuntimeException ex) {
                post(() -> {
                    running = null;
                    note("✗ " + e.key() + " could not run: " + ex.getMessage() + " (details in runbook.log)");
                });
            }
        });
    }

    private void stepEnded(Runbook.Entry e, StepState s) {
        running = null;
        progress = null;
        previews.clear();
        if (s.status() == StepStatus.FAILED && run.goesOnAfterFailure()) {
            // the dry run is the pre-flight: a failure is listed in the summary, and the next step comes up
            failed = e;
            note("✗ " + e.key() + " failed — listed in the pre-flight summary; Enter runs the next step · t retry");
            advance(e);
        } else if (s.status() == StepStatus.FAILED) {
            failed = e;
            note("✗ " + e.key() + " failed — t retry · s skip (with a reason) · b rollback · a abort");
        } else if (s.status().finished()) {
            if (e.equals(failed)) {
                failed = null;
            }
            advance(e);
        }
        ensurePreview(tree.selected());
        stepPane.invalidate();
        tree.invalidate();
        statusBar.invalidate();
    }

    /** After a step ends well: the next unfinished step of the same kind, or the end of the run. */
    private void advance(Runbook.Entry done) {
        Section.Kind kind = done.section().kind();
        List<Runbook.Entry> same = entries.stream().filter(x -> x.section().kind() == kind).toList();
        int from = same.indexOf(done);
        for (int i = 1; i <= same.size(); i++) {
            Runbook.Entry next = same.get((from + i) % same.size());
            if (!settled(run.state(next.key()).status())) {
                select(entries.indexOf(next));
                return;
            }
        }
        if (kind == Section.Kind.NORMAL && run.goesOnAfterFailure()) {
            endPreflight();
        } else if (kind == Section.Kind.ROLLBACK) {
            List<String> skipped = same.stream().filter(x -> run.state(x.key()).status() == StepStatus.SKIPPED)
                    .map(Runbook.Entry::key).toList();
            end(1, skipped.isEmpty() ? "rolled back: every rollback step finished"
                    : "rollback ended with step(s) skipped (" + String.join(", ", skipped) + "): not verified as"
                    + " rolled back; check the group", false);
        } else {
            long skipped = run.states().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
            end(0, "completed" + (skipped > 0 ? " with " + skipped + " step(s) skipped" : ""), false);
        }
    }

    /** Needs no more work: finished, or (in a dry run, which lists failures instead of stopping) failed. */
    private boolean settled(StepStatus status) {
        return status.finished() || status == StepStatus.FAILED && run.goesOnAfterFailure();
    }

    /** The dry run reached the end of its normal sections: its one summary, then the end (exit 1 on a problem). */
    private void endPreflight() {
        PreflightSummary summary = PreflightSummary.of(JournalReplay.of(Journal.read(run.journal().file())));
        summary.lines().forEach(this::note);
        TextDialog d = new TextDialog("Pre-flight summary", summary.lines().stream().map(Line::of).toList(),
                dialogSize());
        d.onDecision(x -> end(summary.clean() ? 0 : 1, "dry run: " + summary.headline(), false));
        show(d);
    }

    private void afterFailure(Runnable action) {
        if (failed == null) {
            note("t and s work after a step failed; nothing has failed");
        } else if (running != null) {
            note(running.key() + " is running");
        } else {
            action.run();
        }
    }

    private void skip(Runbook.Entry e) {
        ReasonDialog d = Questions.skip(e, dialogWidth());
        d.onDecision(reason -> {
            if (!reason.isEmpty()) {
                worker.execute(() -> {
                    StepState s = run.skip(e, reason);
                    post(() -> stepEnded(e, s));
                });
            }
        });
        show(d);
    }

    /** b: the rollback section, journaled as rollback-started (once) so a resume continues there. */
    void goToRollback() {
        entries.stream().filter(e -> e.section().kind() == Section.Kind.ROLLBACK
                        && run.state(e.key()).status() != StepStatus.NOT_APPLICABLE).findFirst().ifPresentOrElse(
                e -> {
                    run.rollbackStarted(failed == null ? null : failed.key(), "the operator went to the rollback"
                            + " section (b)" + (failed == null ? "" : " after " + failed.key() + " failed"));
                    select(entries.indexOf(e));
                    note("rollback section: read each step, Enter runs it");
                },
                () -> note("this runbook has no rollback section"));
    }

    void abort() {
        if (running != null) {
            note("a step is running: wait for it, or q to quit");
            return;
        }
        ReasonDialog d = Questions.abort(dialogWidth());
        d.onDecision(reason -> {
            if (!reason.isEmpty()) {
                run.aborted(reason);
                end(1, "aborted: " + reason, false);
            }
        });
        show(d);
    }

    /** {@code q} and Ctrl-C: asks first, saying what is in flight; asks once however often it is pressed. */
    void quit() {
        if (ended() || (quitting != null && quitting.decision().isEmpty())) {
            return;
        }
        boolean confirming = gui.getWindows().stream().anyMatch(w -> w instanceof ConfirmDialog);
        AskDialog d = Questions.quit(running, confirming, run.environment().replicationGroupId(), dialogWidth());
        quitting = d;
        d.onDecision(yes -> {
            if (yes) {
                leave("quit by the operator", 1);
            }
        });
        gui.addWindow(d);
    }

    /**
     * A signal: SIGINT asks as Ctrl-C does; SIGTERM and a hang-up leave at once (nobody may be there to answer),
     * journaling which signal it was and what was in flight.
     */
    void interrupted(Interrupt interrupt) {
        if (interrupt.ask()) {
            quit();
        } else if (!ended()) {
            run.interrupt(interrupt);
            leave(interrupt.describe(), interrupt.exitCode());   // the screen knows what was in flight
        }
    }

    private void leave(String why, int code) {
        String summary = why + (running != null ? " while " + running.key() + " was running" : "");
        // journaled as the run quitting (resumable) when the screen is left: see RunbookTui
        end(code, summary, true);
    }

    private void end(int code, String summary, boolean resumable) {
        ending = new Ending(code, summary, resumable);
        onEnd.run();
    }

    private void show(DecisionDialog<?> dialog) {
        dialog.onInterrupt(this::quit);
        gui.addWindow(dialog);
    }

    // ---- called by the listener, on the GUI thread

    void stepChanged(StepState s) {
        show(s.line());
        tree.invalidate();
        stepPane.invalidate();
    }

    void progress(String line) {
        progress = line;
        stepPane.invalidate();
    }

    /** A line of the screen's own (a hint, a refusal): shown, and kept in runbook.log with the run's lines. */
    void note(String line) {
        LOG.info("screen: {}", line);
        show(line);
    }

    /** A line the run already logged: only shown. */
    void show(String line) {
        log.add(StatusLine.clock(Duration.between(opened, wall.get())) + " " + line);
        logPane.invalidate();
    }

    // ---- drawing inputs

    private List<Line> stepLines(int width) {
        Runbook.Entry e = tree.selected();
        return StepDetails.lines(e, run.state(e.key()), previews.get(e),
                e.equals(running) ? (progress == null ? "running…" : progress) : null,
                run.settings().thresholds(), run.backend().time().now(), width);
    }

    StatusLine statusLine() {
        RunKeys.Hint hint = RunKeys.hint(logFocus, running, running != null && (gui.getActiveWindow() instanceof ConfirmDialog
                || gui.getActiveWindow() instanceof DriftDialog),
                failed != null, refused != null);
        String keys = hint.keys();
        String shortKeys = hint.shortKeys();
        return new StatusLine(run.backend().mode(), run.environment().name(), run.environment().replicationGroupId(),
                Duration.between(opened, wall.get()), windowClock.describe(run.backend().time().now()), keys, shortKeys);
    }

    private void ensurePreview(Runbook.Entry e) {
        previews.ensure(e, stepPane::invalidate);
    }

    /** The first step still to do: of the rollback section when the run was rolling back (a resume), else normal. */
    private void selectFirstUnfinished() {
        Section.Kind kind = run.rollingBack() ? Section.Kind.ROLLBACK : Section.Kind.NORMAL;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).section().kind() == kind
                    && !run.state(entries.get(i).key()).status().finished()) {
                select(i);
                return;
            }
        }
        select(0);
    }

    private int dialogWidth() {
        return Math.max(30, Math.min(70, gui.getScreen().getTerminalSize().getColumns() - 10));
    }

    private TerminalSize dialogSize() {
        TerminalSize s = gui.getScreen().getTerminalSize();
        return new TerminalSize(Math.max(30, Math.min(100, s.getColumns() - 8)), Math.max(5, s.getRows() - 8));
    }

    private void post(Runnable r) {
        gui.getGUIThread().invokeLater(r);
    }
}
