package dev.runbook.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.runbook.ExitCodes;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.Interrupt;
import dev.runbook.run.ResumeHint;
import dev.runbook.run.Run;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The interactive face of a run (Lanterna): the entry point the run commands call when not
 * {@code --non-interactive}. Draws the first screen at once (AWS clients are built by the backend on first
 * use, previews are computed off the GUI thread), runs steps on a worker thread, and when the run ends —
 * last step done, abort or quit — leaves the screen, then journals the end and prints the report and its path
 * on the normal terminal (and, when the run stopped before its end, the command that resumes it).
 *
 * <p>Ctrl-C: Lanterna puts the terminal in raw mode, so Ctrl-C arrives as a key, not as SIGINT; by default
 * Lanterna then calls {@code System.exit(1)} itself ({@code CtrlCBehaviour.CTRL_C_KILLS_APPLICATION}), which
 * left no report and no journal line. The terminal is opened with {@code TRAP} instead, and the key takes the
 * same way out as {@code q}: ask, say what is in flight, and on yes journal, report, resume command.
 */
public final class RunbookTui {
    private RunbookTui() {
    }

    /** Why the terminal UI cannot start here (stdin or stdout is not a terminal), or null when it can. */
    public static String whyNoTerminal() {
        if (System.console() != null) {
            return null;
        }
        return "the terminal UI needs a terminal, and stdin or stdout is not one here (redirected or no TTY): run it in"
                + " a terminal (on a bastion inside tmux or screen), or pass --non-interactive (rehearse, run --dry-run)";
    }

    /** Shows the run, lets the operator drive it to the end or quit; returns the process exit code. */
    public static int run(Run run) {
        return run(run, target -> { });
    }

    /**
     * As {@link #run(Run)}; {@code signals} is handed where interrupts (SIGINT, SIGTERM, SIGHUP) must go: to the
     * screen's controller, on the GUI thread.
     */
    public static int run(Run run, Consumer<Consumer<Interrupt>> signals) {
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon("runbook-step"));
        ExecutorService previewer = Executors.newSingleThreadExecutor(daemon("runbook-preview"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("runbook-clock"));
        RunController.Ending ending;
        try {
            Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP).createTerminal();
            Screen screen = new TerminalScreen(terminal);
            screen.startScreen();
            try {
                TuiSession session = new TuiSession(run, screen, worker, previewer, Instant::now);
                signals.accept(interrupt -> session.gui().getGUIThread().invokeLater(
                        () -> session.controller().interrupted(interrupt)));
                // the clock in the status bar and the elapsed time of a running step move every second
                ticker.scheduleAtFixedRate(() -> session.gui().getGUIThread().invokeLater(
                        () -> session.window().invalidate()), 1, 1, TimeUnit.SECONDS);
                try {
                    session.window().waitUntilClosed();
                } catch (RuntimeException e) {
                    // the terminal went away (a hang-up): the run still journals its end and writes its report
                    LoggerFactory.getLogger(RunbookTui.class).warn("the screen failed", e);
                }
                ending = session.controller().ending();
            } finally {
                ticker.shutdownNow();
                screen.stopScreen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the terminal (use --non-interactive)", e);
        } finally {
            worker.shutdownNow();
            previewer.shutdownNow();
        }
        // a step cancelled by quit journals its end before the run's end is journaled
        awaitQuietly(worker);
        if (ending == null) {
            ending = new RunController.Ending(ExitCodes.STEP_FAILED, "the screen closed before the run ended", true);
        }
        if (ending.resumable()) {
            run.quit(ending.summary());
        } else {
            run.ended(ending.summary());
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        ReportWriter.finish(run, out);
        out.println(ending.resumable() ? "run quit: " + ending.summary() + "; " + Run.resumeHint(run.info().id())
                : "run ended: " + ending.summary());
        if (ending.resumable()) {
            out.println(ResumeHint.line(run));
        }
        out.flush();
        return ending.code();
    }

    private static void awaitQuietly(ExecutorService worker) {
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
