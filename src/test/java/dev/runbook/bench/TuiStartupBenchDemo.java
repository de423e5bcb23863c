package dev.runbook.bench;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.run.Run;
import dev.runbook.run.Runs;
import dev.runbook.tui.RunbookTui;
import dev.runbook.tui.TestActions;
import dev.runbook.tui.TestRuns;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@link TuiStartupBench} launches when the jar has no {@code rehearse} command yet: the TUI over a run
 * of the real runbook (placeholder actions, so start-up sees its real size and previews) or of the test
 * runbook (test actions, so a whole run can be driven), with no AWS. Arguments: {@code real|test}.
 */
public final class TuiStartupBenchDemo {
    private TuiStartupBenchDemo() {
    }

    public static void main(String[] args) {
        boolean real = args.length > 0 && args[0].equals("real");
        Path dir = new Runs(Path.of("target", "bench-runs")).create("dev", Instant.now());
        Runs.logTo(dir);
        Run run = real
                ? TestRuns.run(dir, "dev", Mode.REHEARSAL, Path.of("runbooks", "valkey-migration.conf"), ActionRegistry.standard())
                : TestRuns.run(dir, "dev", Mode.REHEARSAL, TestRuns.RUNBOOK, TestActions.registry());
        System.exit(RunbookTui.run(run));
    }
}
