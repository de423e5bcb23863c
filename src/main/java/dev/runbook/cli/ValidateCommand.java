package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.Environment;
import dev.runbook.config.Includes;
import dev.runbook.config.Settings;
import dev.runbook.runbook.Runbook;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate FILE}: loads a runbook for every environment and reports the first problem with file:line. */
@Command(name = "validate", description = "Check a runbook file against every environment in the settings: "
        + "syntax, keys, actions and their parameters, confirmations, substitutions.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook file to check.")
    Path file;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        int steps = 0;
        for (Environment env : settings.environments().values()) {
            Runbook runbook = common.loader().load(file, env);
            steps = runbook.entries().size();
        }
        for (String w : Includes.silentlyMissing(file)) {
            spec.commandLine().getErr().println("warning: " + w);
        }
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().printf("%s: valid for %s (%d steps)%n", file,
                String.join(", ", settings.environments().keySet()), steps);
        return ExitCodes.OK;
    }
}
