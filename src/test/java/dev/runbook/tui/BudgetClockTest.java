package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.run.Run;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's budget: what the rest needs is read from the runs folder off the GUI thread. */
class BudgetClockTest {
    @TempDir
    Path dir;

    @Test
    void theEstimateIsReadInTheBackgroundAndTheBarSaysSoUntilThen() {
        Run run = TestRuns.run(dir, "dev", Mode.REHEARSAL, Path.of("runbooks", "valkey-migration.conf"),
                ActionRegistry.standard());
        ManualExecutor background = new ManualExecutor();
        BudgetClock clock = new BudgetClock(run, background);
        assertTrue(clock.pointOfNoReturn().isPresent(), "the migration has an engine change");
        Instant inWindow = Instant.parse("2026-12-06T05:30:00Z"); // dev: sun:05:00-sun:07:00, 90 min left
        assertEquals("budget …", clock.describe(inWindow), "nothing read yet: the first draw does not wait");
        background.runAll();
        assertEquals("budget 30m left", clock.describe(inWindow), "needs 60 min (estimates) of the 90 left");
    }
}
