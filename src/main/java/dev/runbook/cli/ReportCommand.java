package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.Settings;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.JournalFinder;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.JournalSecrets;
import dev.runbook.run.Runs;
import dev.runbook.run.Journal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code report [RUN_ID]}: rebuilds a run's completion report from its journal, saves and prints it. */
@Command(name = "report", description = "Rebuild the completion report of a run (default: the newest) from its "
        + "journal, write report.md and report.json in its folder, and print it. Needs no AWS.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RunChoice choice;

    /** Which run a command is about: {@code [RUN_ID]} and {@code --runs-dir DIR} (report and resume). */
    public static final class RunChoice {
        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID",
                description = "The run: a folder name under the runs folder (default: the newest).")
        String runId;

        @Option(names = "--runs-dir", paramLabel = "DIR", converter = FlagConverters.RunsDir.class,
                description = "The runs folder (default: runs-dir from the settings).")
        Path runsDir;

        /** The chosen run's folder; one line listing the known ids when there is no such run. */
        public Path find(Settings settings, boolean unfinishedOnly) {
            Runs runs = new Runs(RunSetup.runsRoot(runsDir, settings));
            return JournalFinder.find(runs, runId, unfinishedOnly && runId == null);
        }
    }

    @Override
    public Integer call() {
        Settings settings = common.settings();
        Path dir = choice.find(settings, false);
        String env = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE))).startFact("environment").orElse("");
        JournalSecrets secrets = settings.environments().containsKey(env)
                ? JournalSecrets.of(settings.environment(env)) : JournalSecrets.none();
        ReportWriter.write(dir, Optional.of(settings), secrets, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
