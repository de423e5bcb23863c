package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.config.Settings;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: where the settings and the runbook are. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: ./application.conf).")
    Path config = Path.of("application.conf");

    @Option(names = "--runbook", paramLabel = "FILE",
            description = "Runbook file (default: ./runbooks/valkey-migration.conf).")
    Path runbook = Path.of("runbooks", "valkey-migration.conf");

    public Settings settings() {
        return Settings.load(config);
    }

    public Path runbook() {
        return runbook;
    }

    public RunbookLoader loader() {
        return new RunbookLoader(ActionRegistry.standard());
    }
}
