package dev.runbook;

import dev.runbook.cli.AnalyzePlanCommand;
import dev.runbook.cli.CheckEndpointCommand;
import dev.runbook.cli.PlanCommand;
import dev.runbook.cli.RehearseCommand;
import dev.runbook.cli.ReportCommand;
import dev.runbook.cli.ResumeCommand;
import dev.runbook.cli.RunCommand;
import dev.runbook.cli.ValidateCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Commands print to the writers they are given, so tests read them; an operator error is
 * one line on stderr with exit code 2, and a stack trace only ever goes to the log.
 */
@Command(name = "valkey-runbook", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Walks an operator through migrating an ElastiCache replication group from "
                + "Redis OSS 7.0 to Valkey 8.0.",
        subcommands = {
            RehearseCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            ReportCommand.class,
            PlanCommand.class,
            ValidateCommand.class,
            AnalyzePlanCommand.class,
            CheckEndpointCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    public static final String VERSION = "0.1.0";

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line against the given writers and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException) {
                commandLine.getErr().println("error: " + e.getMessage());
                commandLine.getErr().flush();
                return ExitCodes.INVALID_INPUT;
            }
            String log = logFileForUnexpectedFailures();
            org.slf4j.LoggerFactory.getLogger(Main.class).error("unexpected failure", e);
            commandLine.getErr().println("error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + " (details in " + log + ")");
            commandLine.getErr().flush();
            return ExitCodes.STEP_FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Where the trace of an unexpected failure goes when no run folder took the log: a file in the temp
     * folder, never the operator's screen.
     */
    static String logFileForUnexpectedFailures() {
        String key = "org.slf4j.simpleLogger.logFile";
        if (System.getProperty(key) == null) {
            System.setProperty(key, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                    "valkey-runbook-" + System.getProperty("user.name", "user") + ".log").toString());
        }
        return System.getProperty(key);
    }

    /** --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"valkey-runbook " + VERSION};
        }
    }
}
