package dev.runbook.tui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Drives the TUI in tmux to the end of a runbook the way an operator would: Enter on the selected step,
 * {@code y} or the typed group id when asked, {@code t} once after a failure, then a skip with a reason.
 * Returns the last screen (the report printed on the normal terminal, and the exit code).
 */
public final class TuiDriver {
    private final Tmux tmux;
    private final String group;

    public TuiDriver(Tmux tmux, String group) {
        this.tmux = tmux;
        this.group = group;
    }

    /** Copies the settings and the runbook into {@code work}, the directory the jar runs in. */
    public static Path prepare(Path work) throws IOException {
        Files.copy(Path.of("application.conf"), work.resolve("application.conf"));
        Files.createDirectories(work.resolve("runbooks"));
        Files.copy(Path.of("runbooks", "valkey-migration.conf"), work.resolve("runbooks").resolve("valkey-migration.conf"));
        return work;
    }

    /** The first full screen: the tree and the status bar are both drawn. */
    public static boolean fullScreen(String screen) {
        return screen.contains("Runbook") && screen.contains("q quit") && screen.contains("Log");
    }

    public String driveToEnd(Duration timeout, Runnable onEachScreen) {
        return driveUntil(() -> false, timeout, onEachScreen);
    }

    /**
     * Answers and presses on like an operator until the program exits or {@code stop} holds (checked after
     * each answer); returns the last screen.
     */
    public String driveUntil(BooleanSupplier stop, Duration timeout, Runnable onEachScreen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String retried = null;
        while (System.nanoTime() < deadline) {
            String screen = tmux.waitFor(s -> s.contains("exit code") || asks(s) || !statusBar(s).contains("running")
                            || stop.getAsBoolean(), timeout, "a step to end or ask");
            onEachScreen.run();
            if (screen.contains("exit code") || stop.getAsBoolean()) {
                return screen;
            }
            if (screen.contains("y = go ahead")) {
                tmux.keys("y");
            } else if (screen.contains("Type " + group + " and Enter")) {
                tmux.type(group);
                tmux.keys("Enter");
            } else if (screen.contains("FAILED: t retry") || screen.contains("t retry s skip")) {
                String failed = failedLine(screen);
                if (failed.equals(retried)) {
                    tmux.keys("s");
                    tmux.waitFor(s -> s.contains("Why skip"), Duration.ofSeconds(10), "the skip dialog");
                    tmux.type("skipped by the end-to-end test");
                    tmux.keys("Enter");
                } else {
                    retried = failed;
                    tmux.keys("t");
                }
            } else {
                tmux.keys("Enter");
            }
            String before = screen;
            tmux.waitFor(s -> !s.equals(before), Duration.ofSeconds(30), "the screen to change");
        }
        throw new AssertionError("the run did not end in " + timeout + "; screen:\n" + tmux.screen());
    }

    private boolean asks(String screen) {
        return screen.contains("y = go ahead") || screen.contains("Type " + group + " and Enter");
    }

    /** The status bar: the last line drawn. */
    public static String statusBar(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines[lines.length - 1];
    }

    private static String failedLine(String screen) {
        for (String line : screen.split("\n")) {
            if (line.contains("▸✗")) {
                return line;
            }
        }
        return "";
    }
}
