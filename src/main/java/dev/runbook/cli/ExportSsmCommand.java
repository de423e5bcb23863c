package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.InvalidInputException;
import dev.runbook.BuildInfo;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmDocumentCheck;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.TimeBudget;
import dev.runbook.runbook.Runbook;
import dev.runbook.ssm.SsmExport;
import dev.runbook.ssm.SsmParameters;
import dev.runbook.ssm.SsmYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code export-ssm --env ENV [--out FILE]}: the runbook as an SSM Automation document (YAML), checked before it
 * is written; {@code export-ssm --check FILE}: the same offline checks on a document. Steps with no SSM form are
 * listed on stderr and in the document's description. Makes no AWS call.
 */
@Command(name = "export-ssm", description = "Write the runbook for an environment as an AWS Systems Manager "
        + "Automation document (YAML, schemaVersion 0.3), or check one (--check FILE). No AWS call.")
public final class ExportSsmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--env", paramLabel = "ENV", description = "Environment from the settings (dev, prod).")
    String env;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the document here (default: stdout).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The document name to check and print in the "
            + "create-document command (default: ValkeyMigration-ENV for a runbook that changes the engine, else"
            + " the runbook id in PascalCase, e.g. TlsRequired-ENV; or the --check file's name).")
    String name;

    @Option(names = "--notification-arn", paramLabel = "ARN", description = "SNS topic (name starting with "
            + "Automation) told of each approval; without it the approvals have no NotificationArn input.")
    String notificationArn;

    @Option(names = "--check", paramLabel = "FILE", description = "Check this document instead of exporting one.")
    Path check;

    @Override
    public Integer call() {
        if (check != null) {
            if (env != null || out != null || notificationArn != null) {
                throw new ParameterException(spec.commandLine(), "--check FILE takes no --env, --out or --notification-arn");
            }
            return check();
        }
        if (env == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--env=ENV' (or --check FILE)");
        }
        if (notificationArn != null && !SsmParameters.isTopic(notificationArn)) {
            throw new InvalidInputException("--notification-arn: '" + notificationArn + "' is not an SNS topic ARN whose"
                    + " name starts with Automation (aws:approve sends only to such topics)");
        }
        Settings settings = common.settings();
        Environment configured = settings.environment(env);
        Environment exported = configured.withMigrationMethod("sdk");
        Runbook runbook = common.loader().load(common.runbook(), exported);
        boolean migration = runbook.entries().stream().anyMatch(TimeBudget::isEngineChange);
        String documentName = name != null ? name
                : (migration ? "ValkeyMigration" : SsmContext.pascal(runbook.id())) + "-" + configured.name();
        String terraformNote = migration && configured.migrationMethod().equals("terraform")
                ? terraformNote(configured) : "";
        SsmExport.Result r = new SsmExport(exported, settings.waits(), Optional.ofNullable(notificationArn),
                terraformNote).export(runbook, BuildInfo.load().line());
        List<String> problems = SsmDocumentCheck.check(documentName, r.document());
        if (!problems.isEmpty()) {
            throw new InvalidInputException("the exported document fails its own check: " + String.join("; ", problems));
        }
        String yaml = SsmYaml.write(r.document());
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(yaml);
        } else {
            write(out, yaml);
        }
        summary(err, r, configured, terraformNote);
        if (out != null) {
            stdout.printf("wrote %s: %d steps for %s (%s)%ncreate it: aws ssm create-document --name %s"
                    + " --document-type Automation --document-format YAML --content file://%s%n", out, r.steps(),
                    configured.name(), configured.replicationGroupId(), documentName, out);
        }
        stdout.flush();
        err.flush();
        return ExitCodes.OK;
    }

    private static String terraformNote(Environment env) {
        return "The settings migrate " + env.name() + " with Terraform, which SSM Automation cannot run: this document"
                + " changes the group through the ElastiCache API. Before the next terraform apply, set engine = \"valkey\","
                + " engine_version = \"" + env.target().version() + "\" and the valkey8 parameter group in "
                + env.terraformDir() + ", or Terraform plans an engine downgrade, which replaces the group (data loss).";
    }

    private static void summary(PrintWriter err, SsmExport.Result r, Environment env, String terraformNote) {
        if (!terraformNote.isBlank()) {
            err.println("note: " + terraformNote);
        }
        for (String s : r.notExported()) {
            err.println("not exported (terminal runbook only): " + s);
        }
        for (String s : r.partly()) {
            err.println("partly exported (the terminal runbook also does): " + s);
        }
        err.printf("export-ssm %s: %d document steps; %d runbook step(s) not exported, listed in the description%n",
                env.name(), r.steps(), r.notExported().size());
    }

    /** Writes through a temp file beside it and a move, so a failed write leaves no half document. */
    private static void write(Path file, String yaml) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".export-ssm-", ".tmp");
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new InvalidInputException("--out " + file + ": cannot write (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        String simple = e.getClass().getSimpleName();
        return simple.equals("IOException") ? String.valueOf(e.getMessage()) : simple.replace("Exception", "")
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // the temp file is hidden and named as ours; leaving it is harmless
        }
    }

    private int check() {
        Map<String, Object> doc;
        try {
            doc = SsmYaml.read(Files.readString(check, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(check + ": unreadable: " + firstLine(e));
        }
        String fileName = check.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        List<String> problems = SsmDocumentCheck.check(name != null ? name : fileName, doc);
        PrintWriter o = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            o.printf("%s: passes the offline checks (%d steps)%n", check, ((List<?>) doc.get("mainSteps")).size());
            o.flush();
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("error: " + check + ": " + p));
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
