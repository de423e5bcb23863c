package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

/**
 * The real jar in tmux at 80x24, as a new operator tried it: first thing, the arrow keys down to the engine
 * change and Enter. The run refuses on screen, opens no confirmation and journals nothing for the step.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OrderRuleE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));

    @TempDir
    Path work;

    @BeforeEach
    void needsTmuxAndTheJar() {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
    }

    @Test
    void enterOnTheEngineChangeFirstThingIsRefusedOnScreenWithNoConfirmationAndNothingJournaled() throws IOException {
        TuiDriver.prepare(work);
        Path conf = work.resolve("application.conf");
        Files.writeString(conf, Files.readString(conf).replace("migration-method = terraform", "migration-method = sdk"));
        try (Tmux tmux = Tmux.start("runbook-order", 80, 24, work,
                "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            String screen = tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            List<String> ids = stepIds();
            assertEquals("describe-group", selectedId(screen), screen);
            for (int i = 1; i <= ids.indexOf("upgrade-engine"); i++) {
                String next = ids.get(i);
                tmux.keys("Down");
                screen = tmux.waitFor(s -> next.equals(selectedId(s)), Duration.ofSeconds(10), "the selection on " + next);
            }

            tmux.keys("Enter");
            screen = tmux.waitFor(s -> s.contains("Not yet: migrate/upgrade-engine") && s.contains("q close")
                    && TuiDriver.statusBar(s).contains("REFUSED"), Duration.ofSeconds(10), "the refusal drawn in full");

            assertTrue(screen.contains("migrate/upgrade-engine refused: nothing was sent, nothing"), screen);
            assertTrue(screen.contains("  precheck/describe-group"), screen);
            assertTrue(TuiDriver.statusBar(screen).contains("REFUSED"), screen);
            assertFalse(screen.contains("y = go ahead") || screen.contains("Confirm migrate/upgrade-engine"), screen);
            tmux.keys("Escape");
            screen = tmux.waitFor(s -> !s.contains("q close") && !s.contains("Not yet:")
                    && s.contains("(select it, s).") && "upgrade-engine".equals(selectedId(s)),
                    Duration.ofSeconds(10), "the refusal to close, the log keeping it");
            assertEquals("upgrade-engine", selectedId(screen), "the selection stays: " + screen);
            assertEquals(List.of(), stepLines(journal(), "migrate/upgrade-engine"), "nothing journaled for the step");
            assertEquals(List.of(), stepLines(journal(), "\"event\":\"started\""), "no step started at all");

            tmux.keys("q");
            tmux.waitFor(s -> s.contains("Quit the run here?"), Duration.ofSeconds(10), "the quit question");
            tmux.keys("y");
            screen = tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
            assertTrue(screen.contains("exit code 1"), screen);
        }
        assertEquals(List.of(), stepLines(journal(), "migrate/upgrade-engine"));
    }

    /** The step id on the tree row with the selection mark, or "" when none is drawn. */
    private static String selectedId(String screen) {
        String row = screen.lines().filter(l -> l.startsWith("│▸")).findFirst().orElse("");
        int end = row.indexOf('│', 1);
        if (end < 0) {
            return "";
        }
        // the engine change's row ends in the point-of-no-return mark
        String[] words = row.substring(2, end).replace(" ⚑ no return", "").trim().split("\\s+");
        return words[words.length - 1];
    }

    /** The runbook's step ids in tree order: each step's {@code id = } line (steps sit four deeper than sections). */
    private List<String> stepIds() throws IOException {
        return Files.readAllLines(work.resolve("runbooks/valkey-migration.conf")).stream()
                .filter(l -> l.startsWith("          id = ")).map(l -> l.substring("          id = ".length()).trim())
                .toList();
    }

    private List<String> journal() throws IOException {
        try (Stream<Path> s = Files.walk(work.resolve("runs"))) {
            Path f = s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).findFirst().orElseThrow();
            return Files.readAllLines(f);
        }
    }

    private static List<String> stepLines(List<String> journal, String text) {
        return journal.stream().filter(l -> l.contains(text)).toList();
    }
}
