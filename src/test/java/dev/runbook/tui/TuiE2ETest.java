package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real jar in tmux: {@code rehearse --env dev} driven with send-keys to the end of the runbook, the screen
 * read with capture-pane, the report file checked — at 80x24 and at 120x40. Skips itself only where tmux is
 * missing.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
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
}
