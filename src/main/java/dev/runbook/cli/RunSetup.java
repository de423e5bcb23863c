package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.InvalidInputException;
import dev.runbook.aws.Backend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.Autopilot;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Journal;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.run.Runs;
import dev.runbook.runbook.Runbook;
import dev.runbook.tui.RunbookTui;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rehearse} and {@code run} share: settings → environment → runbook → run folder (the log is pointed
 * there before any logger exists) → backend → run → journaled start; then the TUI, or the autopilot with
 * automatic confirmations and the report. Exit code 0 when the run reached its end, 1 otherwise.
 */
final class RunSetup {
    /** Builds the backend once the run folder and log exist. */
    interface BackendFactory {
        Backend create(Settings settings, Environment env);
    }

    /** Called with the backend before the run starts: returns facts to record, or null to stop (declined). */
    interface BeforeStart {
        Map<String, String> check(Backend backend, Environment env);
    }

    private final CommonOptions common;
    private final RunOptions options;
    private final PrintWriter out;

    RunSetup(CommonOptions common, RunOptions options, PrintWriter out) {
        this.common = common;
        this.options = options;
        this.out = out;
    }

    Settings settings() {
        return common.settings();
    }

    int execute(Settings settings, BackendFactory backends, BeforeStart beforeStart) {
        Environment env = settings.environment(options.env);
        Runbook runbook = common.loader().load(common.runbook(), env);
        Path runsDir = options.runsDir != null ? options.runsDir : Path.of(settings.runsDir());
        Path dir = new Runs(runsDir).create(env.name(), Instant.now());
        Runs.logTo(dir);
        try (Backend backend = backends.create(settings, env)) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("mode", backend.mode().label());
            facts.put("environment", env.name());
            facts.put("replication-group", env.replicationGroupId());
            facts.put("runbook", runbook.file().toString());
            facts.put("settings", settings.file().toString());
            facts.put("backend", backend.describe());
            Map<String, String> checked = beforeStart.check(backend, env);
            if (checked == null) {
                out.println("not confirmed: nothing was done (run folder " + dir + ")");
                out.flush();
                return ExitCodes.STEP_FAILED;
            }
            facts.putAll(checked);
            facts.put("identity", backend.identity());
            String operator = System.getProperty("user.name", "operator");
            try (Journal journal = Journal.open(dir)) {
                RunListener listener = options.nonInteractive ? new ConsoleListener(out) : RunListener.NONE;
                Run run = new Run(new RunInfo(dir.getFileName().toString(), dir, operator, facts), runbook, env,
                        settings, backend, journal, listener);
                run.started();
                if (!options.nonInteractive) {
                    return RunbookTui.run(run);
                }
                out.printf("%s · %s · %s · %s%n", runbook.title(), env.name(), env.replicationGroupId(),
                        backend.describe());
                out.flush();
                return autopilot(run, operator);
            }
        }
    }

    private int autopilot(Run run, String operator) {
        String how = "auto: --non-interactive " + run.backend().mode().label().toLowerCase(Locale.ROOT);
        Autopilot.Result result;
        try {
            result = new Autopilot(run, request -> new Confirmation(true, operator, how)).drive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.aborted("interrupted");
            result = Autopilot.Result.ABORTED;
        }
        run.ended(result.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        ReportWriter.finish(run, out);
        return result == Autopilot.Result.COMPLETED ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }

    /** --non-interactive answers confirmations itself: only where nothing real can change. */
    static void refuseNonInteractiveLive(RunOptions options, boolean dryRun) {
        if (options.nonInteractive && !dryRun) {
            throw new InvalidInputException("--non-interactive is allowed only with rehearse or run --dry-run: a live "
                    + "run needs a person to confirm each change");
        }
    }
}
