package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume command printed after a quit names the settings file only when resume would not find it itself: a
 * resumed run reads the run folder's recorded copy (which resume uses anyway), a run started with --config names it.
 */
class ResumeHintTest {
    @TempDir
    Path tmp;

    @Test
    void theRunFoldersRecordedSettingsAreNotNamedButAnotherFileIs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs").resolve("20261129-043000-dev"));
        Path recorded = Files.copy(Path.of("application.conf"), dir.resolve("settings.conf"));
        Path elsewhere = Files.copy(Path.of("application.conf"), tmp.resolve("team.conf"));
        RunKit kit = new RunKit();

        kit.settings = Settings.load(recorded);
        String resumed = ResumeHint.line(kit.run(dir, "20261129-043000-dev"));
        kit.settings = Settings.load(elsewhere);
        String started = ResumeHint.line(kit.run(dir, "20261129-043000-dev"));

        assertFalse(resumed.contains("--config"), resumed);
        assertTrue(started.contains(" --config " + elsewhere.toAbsolutePath().normalize()), started);
    }
}
