package dev.runbook.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.runbook.action.Mode;
import dev.runbook.run.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TUI session over a virtual terminal for tests: the test runbook, steps and previews on executors the test
 * runs by hand, a wall clock the test moves. {@link #key} feeds a key and redraws, like the operator typing.
 */
final class Screens {
    final VirtualScreen virtual;
    final Run run;
    final CountingExecutor worker = new CountingExecutor();
    final ManualExecutor previewer = new ManualExecutor();
    final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-11-29T05:30:00Z"));
    final TuiSession session;

    Screens(Path dir, String env, Mode mode, int columns, int rows) {
        this(TestRuns.run(dir, env, mode), columns, rows);
    }

    Screens(Run run, int columns, int rows) {
        virtual = new VirtualScreen(columns, rows);
        this.run = run;
        session = new TuiSession(run, virtual.screen, worker, previewer, wall::get);
        settle();
    }

    /**
     * Plays the GUI thread until the worker is idle or waits on a dialog, and every posted event ran; then
     * redraws. Bounded: a step that never ends fails the test instead of hanging it.
     */
    Screens settle() {
        return settleUntil(text -> false);
    }

    /** Like {@link #settle()}, also stopping as soon as the screen shows what {@code shown} looks for. */
    Screens settleUntil(Predicate<String> shown) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (true) {
                previewer.runAll();
                boolean quiet = !session.gui().getGUIThread().processEventsAndUpdate();
                boolean dialogOpen = session.gui().getWindows().size() > 1;
                if (quiet && (worker.idle() || dialogOpen || drawn(shown))) {
                    previewer.runAll();
                    session.gui().getGUIThread().processEventsAndUpdate();
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the screen did not settle in 10 s:\n" + virtual.text());
                }
                Thread.onSpinWait();
            }
            session.gui().updateScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private boolean drawn(Predicate<String> shown) throws IOException {
        session.gui().updateScreen();
        return shown.test(virtual.text());
    }

    /** A key while the worker is busy: settles as soon as the screen shows what {@code shown} looks for. */
    Screens keyUntil(KeyStroke k, Predicate<String> shown) {
        virtual.terminal.addInput(k);
        return settleUntil(shown);
    }

    Screens key(char c) {
        return key(new KeyStroke(c, false, false));
    }

    Screens key(KeyType type) {
        return key(new KeyStroke(type));
    }

    Screens key(KeyStroke k) {
        virtual.terminal.addInput(k);
        return settle();
    }

    Screens type(String text) {
        for (char c : text.toCharArray()) {
            virtual.terminal.addInput(new KeyStroke(c, false, false));
        }
        return settle();
    }

    Screens advance(Duration d) {
        wall.set(wall.get().plus(d));
        session.window().invalidate();
        return settle();
    }

    String text() {
        return virtual.text();
    }
}
