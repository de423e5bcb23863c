package dev.runbook.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options both run commands take: the environment, whether a person answers, where the run folder goes. */
public final class RunOptions {
    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment from the settings (dev, prod).")
    String env;

    @Option(names = "--non-interactive", description = "No TUI: answer every confirmation automatically and print "
            + "progress and the report (rehearsal and dry-run only).")
    boolean nonInteractive;

    @Option(names = "--runs-dir", paramLabel = "DIR", converter = FlagConverters.RunsDir.class,
            description = "Where run folders go (default: runs-dir from the settings).")
    Path runsDir;
}
