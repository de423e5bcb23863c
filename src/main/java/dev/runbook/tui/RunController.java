package dev.runbook.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.runbook.run.ChangeRefused;
import dev.runbook.run.Confirmer;
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
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run screen's state machine, apart from its widgets: the selection, the step in flight, the failed step,
 * the focus, previews, the log's lines, and what each key means in each of those states ({@link RunKey}'s
 * table says which key asks for what). It draws nothing and opens no window itself: it asks its
 * {@link RunView} (the Lanterna {@link RunWindow}, or a test's fake), and hands the widgets what to draw
 * ({@link #stepLines}, {@link #statusLine}). Steps run on the worker executor, previews on another; results
 * come back through the GUI thread executor. Everything here runs on the GUI thread.
 */
public final class RunController {
    private static final Logger LOG = LoggerFactory.getLogger(RunController.class);
    private final Run run;
    private final WindowClock windowClock;
    private final BudgetClock budgetClock;
    private final Executor guiThread;
    private final Executor worker;
    private final Supplier<Instant> wall;
    private final Instant opened;
    private final List<Runbook.Entry> entries;
    private final LogLines log = new LogLines();
    private final Previews previews;
    private RunView view;
    private int selected;
    private Runbook.Entry running;
    /** A step whose end a key took before its hand-back arrived: the hand-back is then nothing new. */
    private Runbook.Entry takenEarly;
    private String progress;
    private Runbook.Entry failed;
    /** The step the order rule just refused (the status bar says so until the selection moves); null when none. */
    private Runbook.Entry refused;
    private boolean logFocus;
    private Ending ending;
    private boolean askingToQuit;

    /**
     * How the screen ended: the exit code, the line for the journal, and whether the run stopped before its end
     * (quit, Ctrl-C, a signal), so that the resume command is printed.
     */
    public record Ending(int code, String summary, boolean resumable) {
    }

    /** {@code guiThread} runs what it is given on the GUI thread, later ({@code invokeLater}). */
    public RunController(Run run, Executor guiThread, Executor worker, Executor previewer, Supplier<Instant> wall) {
        this.run = run;
        this.windowClock = new WindowClock(run.environment().maintenanceWindow());
        this.budgetClock = new BudgetClock(run, previewer);
        this.guiThread = guiThread;
        this.worker = worker;
        this.wall = wall;
        this.opened = wall.get();
        this.entries = run.runbook().entries();
        this.previews = new Previews(run, previewer, guiThread::execute);
    }

    /** The screen this drives: from now on it hears the run, and the first step still to do is selected. */
    void attach(RunView screen) {
        this.view = screen;
        run.addListener(new TuiListener(guiThread, this));
        selectFirstUnfinished();
    }

    public Run run() {
        return run;
    }

    /** The selected step. */
    public Runbook.Entry selected() {
        return entries.get(selected);
    }

    int selectedIndex() {
        return selected;
    }

    public LogLines log() {
        return log;
    }

    public Ending ending() {
        return ending;
    }

    public boolean ended() {
        return ending != null;
    }

    /** One key on the run screen: what it means in the state the screen is in, done. */
    void key(KeyStroke key) {
        if (ended()) {
            return;
        }
        if (DecisionDialog.isCtrlC(key)) {
            quit();
            return;
        }
        RunKey.command(key, logFocus).ifPresent(this::perform);
        view.invalidate();
    }

    private void perform(RunKey.Command command) {
        switch (command) {
            case UP -> move(-1);
            case DOWN -> move(1);
            case PAGE_UP -> view.pageStep(-1);
            case PAGE_DOWN -> view.pageStep(1);
            case RUN -> runSelected();
            case RETRY -> retry();
            case SKIP -> skipStep();
            case ROLLBACK -> goToRollback();
            case ABORT -> abort();
            case LOG -> logFocus = true;
            case REPORT -> report();
            case HELP -> help();
            case QUIT -> quit();
            case LOG_UP -> view.scrollLog(-1);
            case LOG_DOWN -> view.scrollLog(1);
            case LOG_PAGE_UP -> view.pageLog(-1);
            case LOG_PAGE_DOWN -> view.pageLog(1);
            case LOG_BACK -> logFocus = false;
            case YES, NO -> {
                // a confirmation's answers: its dialog reads them (RunKey.yesOrNo)
            }
        }
    }

    private void move(int delta) {
        select(selected + delta);
    }

    private void help() {
        view.read("Keys", RunKey.help(), () -> { });
    }

    private void report() {
        view.read("Report so far", ReportSoFar.lines(run), () -> { });
    }

    private void retry() {
        afterFailure(() -> start(failed));
    }

    /** s: the failed step, else the selected step that has not run (the order rule's only override). */
    private void skipStep() {
        if (failed != null) {
            afterFailure(() -> skip(failed));
            return;
        }
        Runbook.Entry e = selected();
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
        selected = Math.max(0, Math.min(entries.size() - 1, index));
        view.stepSelected();
        ensurePreview(selected());
    }

    private void runSelected() {
        if (running != null && run.state(running.key()).status().finished()) {
            // the tree already shows the step ended and only its hand-back is still on its way: take it now, so
            // Enter acts on what the operator sees (the next step) instead of "still running"
            Runbook.Entry ended = running;
            stepEnded(ended, run.state(ended.key()));
            takenEarly = ended;
        }
        Runbook.Entry e = selected();
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
            view.read("Not yet: " + e.key(), RefusalText.lines(why), () -> { });
        } else {
            start(e);
        }
    }

    private void start(Runbook.Entry e) {
        refused = null;
        running = e;
        progress = null;
        selected = entries.indexOf(e);
        view.stepSelected();
        Confirmer confirmer = view.confirmer();
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
                    view.changeRefused(e, ex.getMessage());
                    view.invalidate();
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
        if (e.equals(takenEarly)) {
            takenEarly = null; // already taken when a key came before the hand-back
            return;
        }
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
        ensurePreview(selected());
        view.invalidate();
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
        view.read("Pre-flight summary", summary.lines().stream().map(Line::of).toList(),
                () -> end(summary.clean() ? 0 : 1, "dry run: " + summary.headline(), false));
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
        view.askWhySkip(e, reason -> {
            if (!reason.isEmpty()) {
                worker.execute(() -> {
                    StepState s = run.skip(e, reason);
                    post(() -> stepEnded(e, s));
                });
            }
        });
    }

    /** b: the rollback section, journaled as rollback-started (once) so a resume continues there. */
    private void goToRollback() {
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

    private void abort() {
        if (running != null) {
            note("a step is running: wait for it, or q to quit");
            return;
        }
        view.askWhyAbort(reason -> {
            if (!reason.isEmpty()) {
                run.aborted(reason);
                end(1, "aborted: " + reason, false);
            }
        });
    }

    /** {@code q} and Ctrl-C: asks first, saying what is in flight; asks once however often it is pressed. */
    void quit() {
        if (ended() || askingToQuit) {
            return;
        }
        askingToQuit = true;
        view.askToQuit(running, view.confirmationOpen(), yes -> {
            askingToQuit = false;
            if (yes) {
                leave("quit by the operator", 1);
            }
        });
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
        view.close();
    }

    // ---- called by the listener, on the GUI thread

    void stepChanged(StepState s) {
        show(s.line());
    }

    void progress(String line) {
        progress = line;
        view.invalidate();
    }

    /** A line of the screen's own (a hint, a refusal): shown, and kept in runbook.log with the run's lines. */
    void note(String line) {
        LOG.info("screen: {}", line);
        show(line);
    }

    /** A line the run already logged: only shown. */
    void show(String line) {
        log.add(StatusLine.clock(Duration.between(opened, wall.get())) + " " + line);
        view.invalidate();
    }

    // ---- drawing inputs

    /** The step pane's text at {@code width}: the selected step, its preview and, while it runs, its progress. */
    List<Line> stepLines(int width) {
        Runbook.Entry e = selected();
        return StepDetails.lines(e, run.state(e.key()), previews.get(e),
                e.equals(running) ? (progress == null ? "running…" : progress) : null,
                run.settings().thresholds(), run.backend().time().now(), width,
                pointOfNoReturn().filter(e::equals).isPresent());
    }

    /** The step the tree marks as the point of no return (the engine change), if this run has one. */
    Optional<Runbook.Entry> pointOfNoReturn() {
        return budgetClock.pointOfNoReturn();
    }

    /**
     * The status bar's text: the run, the clock, the window, the time budget, and the keys {@link RunKey} offers in
     * this state.
     */
    StatusLine statusLine() {
        RunKey.Hint hint = RunKey.hint(state(), running == null ? null : running.step().id());
        Instant now = run.backend().time().now();
        return new StatusLine(run.backend().mode(), run.environment().name(), run.environment().replicationGroupId(),
                Duration.between(opened, wall.get()), windowClock.describe(now), budgetClock.describe(now), hint.keys(),
                hint.shortKeys());
    }

    /** The state the keys on offer follow: the focused log first, then the step in flight, a failure, a refusal. */
    private RunKey.State state() {
        if (logFocus) {
            return RunKey.State.LOG;
        } else if (running != null && view.confirmationOnTop()) {
            return RunKey.State.CONFIRMING;
        } else if (running != null) {
            return RunKey.State.RUNNING;
        } else if (failed != null) {
            return RunKey.State.FAILED;
        } else if (refused != null) {
            return RunKey.State.REFUSED;
        }
        return RunKey.State.READY;
    }

    private void ensurePreview(Runbook.Entry e) {
        previews.ensure(e, () -> view.invalidate());
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

    private void post(Runnable r) {
        guiThread.execute(r);
    }
}
