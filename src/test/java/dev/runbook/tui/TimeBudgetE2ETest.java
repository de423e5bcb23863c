package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in tmux at 80x24, a dev rehearsal whose clock starts an hour into the 2-hour window (settings
 * {@code rehearsal.start-offset = 60m}): the status bar counts the budget down, the tree marks the engine change as the
 * point of no return, and Enter on it opens the refusal with the numbers (Korean drawn two columns wide). Esc refuses
 * it with nothing sent; Enter again and the typed word send it, journaled, and the status bar says it is past.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TimeBudgetE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));
    private static final Pattern BUDGET = Pattern.compile("budget (\\d+)m short!");

    @TempDir
    Path work;

    @BeforeEach
    void needsTmuxAndTheJar() {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
    }

    @Test
    void theRefusalDialogThePointOfNoReturnAndTheCountdownAt80x24() throws IOException {
        TuiDriver.prepare(work);
        Path conf = work.resolve("application.conf");
        Files.writeString(conf, Files.readString(conf) + "\nrunbook.rehearsal.start-offset = 60m\n");
        // speed 20: the hour left in the window is three minutes of real time, time enough to walk to the change
        try (Tmux tmux = Tmux.start("runbook-budget", 80, 24, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev --speed 20")) {
            String screen = tmux.waitFor(s -> TuiDriver.fullScreen(s) && BUDGET.matcher(TuiDriver.statusBar(s)).find(),
                    Duration.ofSeconds(30), "the first full screen with the budget short");
            long first = shortBy(TuiDriver.statusBar(screen));
            tmux.waitFor(s -> shortBy(TuiDriver.statusBar(s)) > first, Duration.ofSeconds(60),
                    "the budget to count down");

            TuiDriver driver = new TuiDriver(tmux, "goorm-popcorn-cache-dev");
            screen = driver.driveUntil(() -> tmux.screen().contains("and Enter to send it anyway"),
                    Duration.ofSeconds(120), () -> { });
            screen = tmux.waitFor(s -> s.contains("Esc = do not send it"), Duration.ofSeconds(10), "the whole dialog");
            assertTrue(screen.contains("Time budget · 시간 예산: migrate/terraform-apply"), screen);
            assertTrue(screen.contains("✗ REFUSED, nothing sent: needs 60 min (estimates), "), screen);
            assertTrue(screen.contains("  rollback 20m (estimates.rollback)"), screen);
            assertTrue(screen.contains("Type overrun and Enter to send it anyway"), screen);
            String dialog = screen;
            String korean = dialog.lines().filter(l -> l.contains("복구 불가")).findFirst().orElseThrow(
                    () -> new AssertionError("the Korean line: " + dialog));
            assertEquals(80, columns(korean), "Hangul is drawn two columns wide, the border in place: " + korean);
            assertTrue(BUDGET.matcher(TuiDriver.statusBar(screen)).find(), TuiDriver.statusBar(screen));

            tmux.keys("Escape");
            screen = tmux.waitFor(s -> s.contains("Change refused") && s.contains("q close"), Duration.ofSeconds(10),
                    "the refusal");
            assertTrue(screen.contains("migrate/terraform-apply was not run: nothing was sent."), screen);
            assertEquals(List.of(), lines("\"step\":\"migrate/terraform-apply\",\"event\":\"started\""));
            assertEquals(1, lines("\"event\":\"budget\"").size(), "the check journaled with its numbers");
            tmux.keys("Escape");
            // a capture can catch the dialog half redrawn (its title row not yet there): wait for its text to go too
            screen = tmux.waitFor(s -> !s.contains("Change refused") && !s.contains("Read-only steps can still run"),
                    Duration.ofSeconds(10), "the refusal to close");
            assertTrue(screen.contains("│▸  terraform-apply ⚑ no return│"), "the point of no return marked: " + screen);

            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("Esc = do not send it"), Duration.ofSeconds(10), "the dialog again");
            tmux.type("overrun");
            tmux.keys("Enter");
            tmux.waitFor(s -> s.contains("y = go ahead"), Duration.ofSeconds(10), "the step's own confirmation");
            tmux.keys("y");
            screen = tmux.waitFor(s -> TuiDriver.statusBar(s).contains("⚑ past no return"), Duration.ofSeconds(30),
                    "the status bar past the point of no return");
            assertEquals(1, lines("\"event\":\"budget-accepted\"").size());
            assertTrue(lines("\"event\":\"budget-accepted\"").get(0).contains("(typed overrun)"));

            tmux.keys("q");
            tmux.waitFor(s -> s.contains("Quit"), Duration.ofSeconds(10), "the quit question");
            tmux.keys("y");
            tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(60), "the exit");
        }
    }

    private static long shortBy(String statusBar) {
        Matcher m = BUDGET.matcher(statusBar);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Terminal columns of a captured line: Hangul syllables take two. */
    private static int columns(String line) {
        return line.codePoints().map(c -> c >= 0xAC00 && c <= 0xD7A3 ? 2 : 1).sum();
    }

    private List<String> lines(String text) throws IOException {
        try (Stream<Path> s = Files.walk(work.resolve("runs"))) {
            Path f = s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).findFirst().orElseThrow();
            return Files.readAllLines(f).stream().filter(l -> l.contains(text)).toList();
        }
    }
}
