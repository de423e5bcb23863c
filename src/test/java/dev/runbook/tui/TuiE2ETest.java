package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real jar in tmux: {@code rehearse --env dev} driven with send-keys to the end of the runbook, the screen
 * read with capture-pane, the report file checked — at 80x24 and at 120x40. Skips itself only where tmux is
 * missing.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TuiE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));

    @TempDir
    Path work;

    @BeforeEach
    void needsTmuxAndTheRehearseCommand() {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"80, 24", "120, 40"})
    void aRehearsalInDevIsDrivenToTheEndAndLeavesItsReport(int columns, int rows) throws IOException {
        TuiDriver.prepare(work);
        try (Tmux tmux = Tmux.start("runbook-e2e-" + columns, columns, rows, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            String first = tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            assertTrue(first.contains("[REHEARSAL]"), first);
            assertTrue(first.contains("가이드: "), first);
            assertTrue(first.lines().allMatch(l -> l.codePointCount(0, l.length()) <= columns), first);
            assertEquals(rows, first.split("\n", -1).length - 1, first);

            String last = new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveToEnd(Duration.ofMinutes(8), () -> { });

            assertTrue(last.contains("exit code 0"), last);
            assertTrue(last.contains("report: "), last);
            List<Path> reports;
            try (Stream<Path> s = Files.walk(work.resolve("runs"))) {
                reports = s.filter(f -> f.getFileName().toString().equals("report.md")).toList();
            }
            assertEquals(1, reports.size(), reports.toString());
            String report = Files.readString(reports.get(0));
            assertTrue(report.contains("ElastiCache Redis OSS 7.0 → Valkey 8.0"), report);
            assertTrue(report.contains("precheck/describe-group"), report);
            assertTrue(report.contains("REHEARSAL"), report);
        }
    }

    @Test
    void aRealEngineRehearsalShowsWhereClientsCanConnectAndQuittingStopsItsEngines() throws IOException {
        TuiDriver.prepare(work);
        try (Tmux tmux = Tmux.start("runbook-e2e-engines", 80, 24, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev --real-engines")) {
            String first = tmux.waitFor(s -> TuiDriver.fullScreen(s) && s.contains("clients can connect to"),
                    Duration.ofSeconds(60), "the first full screen with the engines' address");
            assertTrue(first.matches("(?s).*Real engines: clients can connect to 127\\.0\\.0\\.1:\\d+.*"), first);
            Path engines;
            try (Stream<Path> s = Files.walk(work.resolve("runs"))) {
                engines = s.filter(f -> f.getFileName().toString().equals("engines")).findFirst().orElseThrow();
            }
            List<Long> pids = enginePids(engines);
            assertEquals(1, pids.size(), "the dev group's one node runs");
            tmux.keys("q");
            tmux.waitFor(s -> s.contains("Quit the run here"), Duration.ofSeconds(10), "the quit question");
            tmux.keys("y");
            tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the run's exit");
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "engine " + pid + " outlived");
            }
            assertEquals(List.of(), enginePids(engines));
        }
    }

    private static List<Long> enginePids(Path engines) throws IOException {
        try (Stream<Path> files = Files.list(engines)) {
            return files.filter(f -> f.toString().endsWith(".pid") && !f.endsWith("owner.pid"))
                    .map(f -> {
                        try {
                            return Long.parseLong(Files.readString(f).strip());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        }
    }

    @Test
    void aTuiRunKilledDuringTheSnapshotWaitResumesInTheTuiWithoutASecondSnapshot() throws IOException {
        TuiDriver.prepare(work);
        Path runs = work.resolve("runs");
        try (Tmux tmux = Tmux.start("runbook-e2e-kill", 100, 30, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveUntil(
                    () -> journalHas(runs, "\"step\":\"migrate/manual-snapshot\",\"event\":\"started\""),
                    Duration.ofMinutes(3), () -> { });
            // SIGKILL the JVM (the pane's shell stays): the snapshot was requested, its wait never ended
            ProcessHandle.of(tmux.panePid()).orElseThrow().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("java")).forEach(ProcessHandle::destroyForcibly);
            tmux.waitFor(s -> s.contains("exit code 137"), Duration.ofSeconds(30), "the killed run's exit");
        }
        try (Tmux tmux = Tmux.start("runbook-e2e-resume", 100, 30, work,
                "java -jar " + JAR.toAbsolutePath() + " resume")) {
            String first = tmux.waitFor(s -> TuiDriver.fullScreen(s) && s.contains("reconciled (done)"),
                    Duration.ofSeconds(30), "the resumed screen with what reconciliation found");
            assertTrue(first.contains("reused, not taken"), first);
            String last = new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveToEnd(Duration.ofMinutes(8), () -> { });
            assertTrue(last.contains("exit code 0"), last);
        }
        List<String> journal;
        try (Stream<Path> s = Files.walk(runs)) {
            journal = Files.readAllLines(s.filter(f -> f.getFileName().toString().equals("journal.jsonl"))
                    .findFirst().orElseThrow());
        }
        assertEquals(1, journal.stream().filter(l -> l.contains("\"step\":\"migrate/manual-snapshot\",\"event\":\"started\""))
                .count(), "the snapshot was requested once");
        assertEquals(1, journal.stream().filter(l -> l.contains("\"step\":\"migrate/terraform-apply\",\"event\":\"started\""))
                .count(), "the upgrade was sent once");
        assertTrue(journal.get(journal.size() - 1).contains("\"event\":\"run-ended\""), journal.get(journal.size() - 1));
    }

    /**
     * The lease-held drill at 80x24: the first change is refused in a dialog naming the other run, nothing is
     * sent, a read-only step still runs after it, and the quit run's report names the holder.
     */
    @Test
    void aLeaseHeldByAnotherRunIsRefusedInADialogAndReadOnlyStepsStillRun() throws IOException {
        TuiDriver.prepare(work);
        try (Tmux tmux = Tmux.start("runbook-e2e-lease", 80, 24, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev --speed 20 --inject lease-held")) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            String refused = new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveUntil(
                    () -> tmux.screen().contains("Change refused"), Duration.ofMinutes(3), () -> { });
            refused = tmux.waitFor(s -> s.contains("Change refused") && s.contains("q quits"), Duration.ofSeconds(10),
                    "the whole refusal dialog");
            // the first change is the benchmark before the migration (it writes to the cache)
            assertTrue(refused.contains("✗ precheck/benchmark-before was not run: nothing was sent."), refused);
            assertTrue(refused.contains("oncall-2@bastion-2"), refused);
            assertTrue(refused.lines().allMatch(l -> l.codePointCount(0, l.length()) <= 80), refused);

            tmux.keys("Escape");
            tmux.waitFor(s -> !s.contains("Change refused"), Duration.ofSeconds(10), "the dialog to close");
            // past probe-start (first in migrate since the probe watches the lead-up) and the snapshot
            tmux.keys("Down");
            tmux.keys("Down");
            tmux.keys("Down");
            tmux.waitFor(s -> s.contains("▸  rollback-feasible") || s.contains("▸ rollback-feasible"),
                    Duration.ofSeconds(10), "the next, read-only step selected");
            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("✗ rollback-feasible") || s.contains("✓ rollback-feasible"),
                    Duration.ofSeconds(30), "the read-only step to run despite the lease");
            tmux.keys("q");
            tmux.waitFor(s -> s.contains("Quit"), Duration.ofSeconds(10), "the quit question");
            tmux.keys("y");
            String last = tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            assertTrue(last.contains("exit code 1"), last);
        }
        List<String> journal;
        try (Stream<Path> s = Files.walk(work.resolve("runs"))) {
            Path report = s.filter(f -> f.getFileName().toString().equals("report.md")).findFirst().orElseThrow();
            assertTrue(Files.readString(report).contains("- lease: Replication group goorm-popcorn-cache-dev is leased"
                    + " to run "), Files.readString(report));
            journal = Files.readAllLines(report.resolveSibling("journal.jsonl"));
        }
        assertTrue(journal.stream().noneMatch(l -> l.contains("\"event\":\"started\",\"mutates\":true")),
                "no change was ever started");
    }

    private static boolean journalHas(Path runs, String text) {
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(runs)) {
            for (Path f : s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).toList()) {
                if (Files.readString(f).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
