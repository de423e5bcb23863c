package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in tmux, resized under the operator's hands: a confirmation on a 20x8 terminal says it is too
 * small and does not take {@code y}; back at 80x24 it asks again and does; at 40 columns the status bar offers
 * whole keys only.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SmallScreenE2ETest {
    private static final Path JAR = Path.of(System.getProperty("runbook.jar", "target/valkey-runbook.jar"));

    @TempDir
    Path work;

    @Test
    void aConfirmationOnATinyTerminalRefusesYUntilItIsResized() throws IOException {
        assumeTrue(Tmux.available(), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), "no jar at " + JAR + " (run mvn verify)");
        TuiDriver.prepare(work);
        try (Tmux tmux = Tmux.start("runbook-small", 80, 24, work, "java -jar " + JAR.toAbsolutePath() + " rehearse --env dev")) {
            tmux.waitFor(TuiDriver::fullScreen, Duration.ofSeconds(30), "the first full screen");
            tmux.resize(40, 24);
            String narrow = tmux.waitFor(s -> TuiDriver.statusBar(s).length() <= 40 && s.contains("[REHEARSAL]"),
                    Duration.ofSeconds(10), "the 40-column screen");
            String bar = TuiDriver.statusBar(narrow).stripTrailing();
            assertFalse(bar.endsWith(" q q") || bar.endsWith(" q"), bar);
            tmux.resize(80, 24);
            new TuiDriver(tmux, "goorm-popcorn-cache-dev").driveUntil(() -> tmux.screen().contains("y = go ahead"),
                    Duration.ofMinutes(2), () -> { });
            tmux.resize(20, 8);
            String small = tmux.waitFor(s -> s.contains("Terminal too"), Duration.ofSeconds(10), "the too-small notice");
            assertFalse(small.contains("go ahead"), small);
            tmux.keys("y");
            tmux.resize(80, 24);
            String again = tmux.waitFor(s -> s.contains("y = go ahead"), Duration.ofSeconds(10), "the confirmation again");
            assertTrue(again.contains("Target group: goorm-popcorn-cache-dev"), again);
            assertFalse(journal().contains("\"event\":\"confirmed\""), "y on the tiny terminal confirmed nothing");
            tmux.keys("y");
            tmux.waitFor(s -> {
                try {
                    return journal().contains("\"event\":\"confirmed\"");
                } catch (IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(20), "the confirmation at 80x24");
            tmux.keys("q");
            tmux.waitFor(s -> s.contains("Quit"), Duration.ofSeconds(10), "the quit question");
            tmux.keys("y");
            tmux.waitFor(s -> s.contains("exit code"), Duration.ofSeconds(30), "the exit");
        }
    }

    private String journal() throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            return Files.readString(s.findFirst().orElseThrow().resolve("journal.jsonl"));
        }
    }
}
