package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.config.Settings;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes: where the settings and the runbook are. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: ./application.conf).")
    Path config = Path.of("application.conf");

    @Option(names = "--runbook", paramLabel = "FILE",
            description = "Runbook file (default: ./runbooks/valkey-migration.conf).")
    Path runbook = Path.of("runbooks", "valkey-migration.conf");

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The settings, loaded and validated; what is legal but probably not meant is printed as a warning. */
    public Settings settings() {
        Settings settings = Settings.load(config);
        if (mixee != null) {
            for (String w : Settings.warnings(config)) {
                mixee.commandLine().getErr().println("warning: " + w);
            }
            mixee.commandLine().getErr().flush();
        }
        return settings;
    }

    public Path runbook() {
        return runbook;
    }

    public RunbookLoader loader() {
        return new RunbookLoader(ActionRegistry.standard());
    }
}
