package dev.runbook.tui;

import dev.runbook.aws.TestBackend;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.run.Journal;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Runs for the TUI tests and the start-up bench: a runbook over a backend with no AWS and a manual clock. */
public final class TestRuns {
    public static final Path RUNBOOK = Path.of("src", "test", "resources", "tui", "test-runbook.conf");

    private TestRuns() {
    }

    static Run run(Path dir, String env, Mode mode) {
        return run(dir, env, mode, RUNBOOK, TestActions.registry());
    }

    /** The test runbook with its test actions (every step works), or another runbook with another registry. */
    public static Run run(Path dir, String env, Mode mode, Path runbookFile, ActionRegistry registry) {
        Settings settings = TestSettings.load();
        Environment environment = settings.environment(env);
        Runbook runbook = new RunbookLoader(registry).load(runbookFile, environment);
        RunInfo info = new RunInfo("20261129-043000-" + env, dir, "alice", Map.of("mode", mode.label()));
        return new Run(info, runbook, environment, settings, new TestBackend(mode, new TestContext.ManualTime(Instant.parse("2026-11-29T05:30:00Z"))), Journal.open(dir), RunListener.NONE);
    }

}
