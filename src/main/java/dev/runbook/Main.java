package dev.runbook;

import dev.runbook.config.InvalidInputException;

import dev.runbook.cli.AnalyzePlanCommand;
import dev.runbook.cli.CheckEndpointCommand;
import dev.runbook.cli.ExportSsmCommand;
import dev.runbook.cli.PlanCommand;
import dev.runbook.cli.RehearseCommand;
import dev.runbook.cli.ReportCommand;
import dev.runbook.cli.ResumeCommand;
import dev.runbook.cli.RunCommand;
import dev.runbook.cli.UnlockCommand;
import dev.runbook.cli.ValidateCommand;
import dev.runbook.run.Runs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line. Commands print to the writers they are given, so tests read them; an operator error is
 * one line on stderr with exit code 2, and a stack trace only ever goes to the log.
 */
@Command(name = "valkey-runbook", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Walks an operator through migrating an ElastiCache replication group from "
                + "Redis OSS 7.0 to Valkey 8.0.")
public final class Main {
    /**
     * The subcommands, by name, in the order the help lists them. Only the one a command line names is built:
     * picocli reflects over every option of every command it is given, which cost a fifth of {@code plan}'s
     * start-up; the top-level help, {@code help} and completion get them all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("rehearse", RehearseCommand::new);
        m.put("run", RunCommand::new);
        m.put("resume", ResumeCommand::new);
        m.put("report", ReportCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("analyze-plan", AnalyzePlanCommand::new);
        m.put("check-endpoint", CheckEndpointCommand::new);
        m.put("unlock", UnlockCommand::new);
        m.put("export-ssm", ExportSsmCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        m.put("generate-completion", AutoComplete.GenerateCompletion::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line against the given writers and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, badArgs) -> {
            if (e.getCause() instanceof TypeConversionException) {
                // a flag's converter refused its value (cli.FlagConverters): the message is the whole sentence
                e.getCommandLine().getErr().println("error: " + e.getCause().getMessage());
                e.getCommandLine().getErr().flush();
                return ExitCodes.INVALID_INPUT;
            }
            return usage.handleParseException(e, badArgs);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException) {
                commandLine.getErr().println("error: " + e.getMessage());
                commandLine.getErr().flush();
                return ExitCodes.INVALID_INPUT;
            }
            String log = logFileForUnexpectedFailures();
            LoggerFactory.getLogger(Main.class).error("unexpected failure", e);
            commandLine.getErr().println("error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + " (details in " + log + ")");
            commandLine.getErr().flush();
            return ExitCodes.STEP_FAILED;
        });
        return cli.execute(args);
    }

    /** The command line with the subcommand {@code args} names, or with all of them when it names none. */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (named != null && !List.of("help", "generate-completion").contains(args[0])) {
            cli.addSubcommand(named.get());
        } else {
            COMMANDS.values().forEach(c -> cli.addSubcommand(c.get()));
        }
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        if (completion != null) {
            // picocli hides it by default; operators should find it in the help
            completion.getCommandSpec().usageMessage().hidden(false).description(
                    "Print the bash/zsh completion script (README: Shell completion).");
        }
        return cli;
    }

    /**
     * Where the trace of an unexpected failure goes when no run folder took the log: a file in the temp
     * folder, never the operator's screen.
     */
    static String logFileForUnexpectedFailures() {
        return Runs.currentLog().orElseGet(() -> {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"),
                    "valkey-runbook-" + System.getProperty("user.name", "user") + ".log");
            Runs.logToFile(tmp);
            return tmp;
        }).toString();
    }

    /** --version: the version and the commit the jar was built from (build.properties, written by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.load().line()};
        }
    }
}
