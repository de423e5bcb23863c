package dev.runbook.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.runbook.ExitCodes;
import dev.runbook.report.ReportWriter;
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
import java.util.concurrent.TimeUnit;

/**
 * The interactive face of a run (Lanterna): the entry point the run commands call when not
 * {@code --non-interactive}. Draws the first screen at once (AWS clients are built by the backend on first
 * use, previews are computed off the GUI thread), runs steps on a worker thread, and when the run ends —
 * last step done, abort or quit — leaves the screen, then journals the end and prints the report and its path
 * on the normal terminal.
 */
public final class RunbookTui {
    private RunbookTui() {
    }

    /** Shows the run, lets the operator drive it to the end or quit; returns the process exit code. */
    public static int run(Run run) {
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon("runbook-step"));
        ExecutorService previewer = Executors.newSingleThreadExecutor(daemon("runbook-preview"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("runbook-clock"));
        RunController.Ending ending;
        try {
            Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true).createTerminal();
            Screen screen = new TerminalScreen(terminal);
            screen.startScreen();
            try {
                TuiSession session = new TuiSession(run, screen, worker, previewer, Instant::now);
                // the clock in the status bar and the elapsed time of a running step move every second
                ticker.scheduleAtFixedRate(() -> session.gui().getGUIThread().invokeLater(
                        () -> session.window().invalidate()), 1, 1, TimeUnit.SECONDS);
                session.window().waitUntilClosed();
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
            ending = new RunController.Ending(ExitCodes.STEP_FAILED, "the screen closed before the run ended");
        }
        run.ended(ending.summary());
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        ReportWriter.finish(run, out);
        out.println("run ended: " + ending.summary());
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
