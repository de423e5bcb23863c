package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving a run from outside its steps, against the real jar: Ctrl-C in the TUI (tmux send-keys C-c) during the
 * manual snapshot, a hang-up (SIGHUP) of the TUI, SIGTERM and SIGINT of a non-interactive rehearsal, and a TUI
 * started without a terminal. Each either asks first (Ctrl-C) or journals why it stopped, writes the report
 * and prints the exact resume command; nothing leaves silently.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class InterruptE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));
    private static final String SNAPSHOT_STARTED = "\"step\":\"migrate/manual-snapshot\",\"event\":\"started\"";

    @TempDir
    Path work;

    @BeforeEach
    void needsTheJar() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
        TuiDriver.prepare(work);
    }

    @Test
    void ctrlCDuringTheManualSnapshotAsksSaysWhatIsInFlightAndOnYesReportsAndPrintsTheResumeCommand() throws IOException {
        assumeTrue(Tmux.available(), "tmux is not installed");
        try (Tmux tmux = Tmux.start("runbook-ctrlc", 80, 24, work, "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveUntil(() -> journalHas(SNAPSHOT_STARTED),
                    Duration.ofMinutes(3), () -> { });
            tmux.keys("C-c");
            String asked = tmux.waitFor(s -> s.contains("Quit anyway?") || s.contains("exit code"),
                    Duration.ofSeconds(20), "the quit question");
            assertTrue(asked.contains("is CHANGING"), asked);
            assertFalse(asked.contains("exit code"), "Ctrl-C asked instead of exiting:\n" + asked);
            tmux.keys("y");
            String last = tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            assertTrue(last.contains("exit code 1"), last);
            assertTrue(last.replace("\n", "").contains("run quit: quit by the operator while migrate/manual-snapshot was running"), last);
            String id = runDir().getFileName().toString();
            assertTrue(last.replace("\n", "").contains("resume " + id + " --runs-dir "), last);
        }
        assertTrue(journal().contains("\"event\":\"quit\",\"summary\":\"quit by the operator while migrate/manual-snapshot"),
                journal());
        assertTrue(Files.isRegularFile(runDir().resolve("report.md")));
    }

    @Test
    void aHangUpOfTheTuiJournalsItWritesTheReportAndExits129() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed");
        try (Tmux tmux = Tmux.start("runbook-hup", 80, 24, work, "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveUntil(() -> journalHas(SNAPSHOT_STARTED),
                    Duration.ofMinutes(3), () -> { });
            java(tmux.panePid()).forEach(p -> signal("HUP", p.pid()));
            String last = tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            assertTrue(last.contains("exit code 129"), last);
            assertTrue(last.replace("\n", "").contains("resume " + runDir().getFileName()), last);
        }
        assertTrue(journal().contains("\"summary\":\"interrupted by SIGHUP while migrate/manual-snapshot was running\""),
                journal());
        assertTrue(Files.isRegularFile(runDir().resolve("report.md")));
    }

    @Test
    void sigtermOfANonInteractiveRehearsalJournalsItPrintsTheReportSoFarAndTheResumeCommand() throws Exception {
        nonInteractiveSignal("TERM", 143);
    }

    @Test
    void sigintOfANonInteractiveRehearsalDoesTheSame() throws Exception {
        nonInteractiveSignal("INT", 130);
    }

    private void nonInteractiveSignal(String signal, int code) throws Exception {
        Path out = work.resolve("out.txt");
        Process p = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "rehearse", "--env", "dev",
                "--non-interactive").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!journalHas(SNAPSHOT_STARTED)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the snapshot step never started: "
                    + Files.readString(out));
            Thread.sleep(20);   // polling the journal, bounded by the deadline
        }
        signal(signal, p.pid());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIG" + signal);
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(code, p.exitValue(), printed);
        assertTrue(printed.contains("run stopped: interrupted by SIG" + signal + " while migrate/manual-snapshot was running"),
                printed);
        assertTrue(printed.contains("## "), "the report so far is printed: " + printed);
        String id = runDir().getFileName().toString();
        assertTrue(printed.contains("resume: java -jar " + JAR.toAbsolutePath() + " resume " + id + " --runs-dir "
                + work.resolve("runs").toRealPath()), printed);
        List<String> lines = journal().lines().toList();
        assertTrue(lines.get(lines.size() - 1).contains("\"event\":\"quit\",\"summary\":\"interrupted by SIG" + signal + " while migrate/manual-snapshot was running\""),
                lines.get(lines.size() - 1));
        assertFalse(journal().contains("rollback-started"), "a signal never starts the rollback on its own");
    }

    @Test
    void withoutATerminalTheTuiIsRefusedInOneSentenceAndLeavesNoRunFolder() throws Exception {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "rehearse", "--env", "dev")
                .directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String e = Files.readString(err);
        assertEquals(2, p.exitValue(), e);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("error: the terminal UI needs a terminal"), e);
        assertFalse(Files.exists(work.resolve("runs")), "no run folder for a run that never started");
    }

    private static Stream<ProcessHandle> java(long panePid) {
        return ProcessHandle.of(panePid).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"));
    }

    private static void signal(String name, long pid) {
        try {
            assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start().waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path runDir() throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            return s.findFirst().orElseThrow();
        }
    }

    private String journal() throws IOException {
        return Files.readString(runDir().resolve("journal.jsonl"));
    }

    private boolean journalHas(String text) {
        try {
            return Files.isDirectory(work.resolve("runs")) && journal().contains(text);
        } catch (IOException | NoSuchElementException e) {
            return false;
        }
    }
}
