package dev.runbook.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A detached tmux session running one command at a fixed size, for end-to-end tests and the start-up bench:
 * send keys, read the screen ({@code capture-pane -p}), wait for the screen by polling it (bounded).
 */
public final class Tmux implements AutoCloseable {
    private final String name;

    private Tmux(String name) {
        this.name = name;
    }

    /** True when tmux can be run here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code shellCommand} in {@code dir}; the pane stays after it exits so its last output can be read. */
    public static Tmux start(String label, int columns, int rows, Path dir, String shellCommand) {
        String name = label + "-" + ProcessHandle.current().pid();
        run("kill-session", "-t", name);
        List<String> create = List.of("new-session", "-d", "-s", name, "-x", String.valueOf(columns), "-y",
                String.valueOf(rows), "-c", dir.toAbsolutePath().toString(), "-e", "LANG=C.UTF-8", "-e",
                "TERM=xterm-256color", shellCommand + "; echo \"exit code $?\"; sleep 600");
        try {
            tmux(create);
        } catch (IllegalStateException e) {
            // a server whose last session just closed is still exiting ("server exited unexpectedly"): once more
            tmux(create);
        }
        return new Tmux(name);
    }

    public String screen() {
        return tmux(List.of("capture-pane", "-p", "-t", name));
    }

    /** tmux key names: "Enter", "Escape", "Down", or plain characters. */
    public void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        tmux(args);
    }

    /** Types text literally. */
    public void type(String text) {
        tmux(List.of("send-keys", "-t", name, "-l", text));
    }

    /** Polls the screen until {@code ready} holds; fails with the screen when it does not within {@code timeout}. */
    public String waitFor(Predicate<String> ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!ready.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; screen:\n" + screen);
            }
            pause();
            screen = screen();
        }
        return screen;
    }

    /** Resizes the session's window, as an operator dragging the terminal would (the program gets SIGWINCH). */
    public void resize(int columns, int rows) {
        tmux(List.of("resize-window", "-t", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows)));
    }

    /** The pid of the pane's shell. */
    public long panePid() {
        return Long.parseLong(tmux(List.of("display-message", "-p", "-t", name, "#{pane_pid}")).trim());
    }

    @Override
    public void close() {
        run("kill-session", "-t", name);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling the pane", e);
        }
    }

    /**
     * This JVM's own tmux server (its own socket): several checkouts run their end-to-end tests on one machine
     * at once, and one's kill-server or exiting server must not take another's sessions.
     */
    private static final List<String> TMUX = List.of("tmux", "-L", "runbook-test-" + ProcessHandle.current().pid());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("kill-server")));
    }

    private static void run(String... args) {
        List<String> cmd = new ArrayList<>(TMUX);
        cmd.addAll(List.of(args));
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tmux(List<String> args) {
        List<String> cmd = new ArrayList<>(TMUX);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
