package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flag's value is refused while the command line is parsed: one {@code error:} line naming the flag, exit 2,
 * before the settings are read and before any run folder exists.
 */
class FlagConvertersTest {
    @TempDir
    Path runs;

    private void assertRefusedWithNothingWritten(String line, CliResult r) throws Exception {
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + line + "\n", r.err());
        assertEquals("", r.out());
        try (Stream<Path> left = Files.list(runs)) {
            assertEquals(List.of(), left.toList(), "no run folder for a flag refused while parsing");
        }
    }

    @Test
    void aSpeedThatIsNoNumberIsOneLine() throws Exception {
        assertRefusedWithNothingWritten("--speed must be a whole number (simulated seconds per real second), was 'fast'",
                CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--speed", "fast",
                        "--runs-dir", runs.toString()));
    }

    @Test
    void aSpeedBelowOneIsRefusedBeforeTheSettingsAreRead() throws Exception {
        assertRefusedWithNothingWritten("--speed must be at least 1 (simulated seconds per real second), was -5",
                CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--config", "no-such.conf",
                        "--speed", "-5", "--runs-dir", runs.toString()));
    }

    @Test
    void anUnknownFaultLeavesNoRunFolder() throws Exception {
        assertRefusedWithNothingWritten("unknown fault 'disk-full' for --inject (known: snapshot-fails, upgrade-fails,"
                + " throttling, slow-upgrade, withdraw-refused, lease-held, cpu-spike, slow-after)",
                CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--inject", "throttling",
                        "--inject", "disk-full", "--runs-dir", runs.toString()));
    }

    @Test
    void anEmptyRunsDirIsRefusedByEveryCommandThatTakesIt() {
        String line = "error: --runs-dir: an empty path is not a folder; name one (e.g. --runs-dir runs) or leave the"
                + " flag out for runs-dir from the settings\n";
        for (List<String> args : List.of(List.of("run", "--env", "dev", "--dry-run"), List.of("resume"),
                List.of("report"), List.of("unlock", "--env", "dev"))) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--runs-dir", ""));
            CliResult r = CliResult.run(all.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(line, r.err(), String.join(" ", args));
        }
    }

    @Test
    void aBadEndpointIsRefusedWhileParsingToo() {
        CliResult r = CliResult.run("check-endpoint", "my-cache:0", "--tls");
        assertEquals(2, r.code());
        assertEquals("error: HOST:PORT: 'my-cache:0' is not HOST:PORT (e.g. my-cache.abc123.use1.cache.amazonaws.com:6379)\n",
                r.err());
    }

    @Test
    void picocliStillReportsItsOwnUsageErrorsWithTheUsage() {
        CliResult r = CliResult.run("rehearse", "--speed");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Missing required parameter for option '--speed' (N)"), r.err());
        assertTrue(r.err().contains("Usage: valkey-runbook rehearse"), r.err());
    }

    @Test
    void completionOffersTheDrillsByTheirWords() {
        CliResult r = CliResult.run("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("snapshot-fails"), "--inject completes to the drills' words");
        assertTrue(r.out().contains("withdraw-refused"));
        assertFalse(r.out().contains("SNAPSHOT_FAILS"), "not the enum's constant names");
    }

    @Test
    void theHelpListsEveryDrillFromTheSameWords() {
        CliResult r = CliResult.run("rehearse", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(repeatable): snapshot-fails, upgrade-fails, throttling, slow-upgrade,"
                + " withdraw-refused, lease-held, cpu-spike, slow-after."), help);
    }
}
