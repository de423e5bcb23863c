package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.action.AwsErrors;
import dev.runbook.aws.AwsLocation;
import dev.runbook.action.AwsTarget;
import dev.runbook.aws.CallerIdentity;
import dev.runbook.aws.DryRunBackend;
import dev.runbook.aws.LiveBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.DriftRequest;
import dev.runbook.run.DryRunBaseline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code run --env ENV [--dry-run]}: the runbook against real AWS. Shows who the credentials are (STS) and the
 * target group, and asks to proceed before the first step. {@code --dry-run} sends only reads.
 */
@Command(name = "run", description = "Run the migration against real AWS (default credential chain). With --dry-run, "
        + "only Describe/List/Get calls are sent; every change is shown as 'would send' instead.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions options;

    @Option(names = "--dry-run", description = "Read-only: real Describe/List/Get calls; nothing is changed.")
    boolean dryRun;

    @Option(names = "--profile", paramLabel = "P", description = "AWS profile (default: aws.profile from the settings).")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: aws.region from the settings).")
    String region;

    @Option(names = "--after-dry-run", paramLabel = "RUN_ID", description = "Hold this run to the dry run RUN_ID "
            + "(default: the newest dry run of the environment within dry-run.max-age).")
    String afterDryRun;

    /** Where the y/N answer comes from; tests replace it. */
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() {
        RunSetup.refuseNonInteractiveLive(options.nonInteractive, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        RunSetup setup = new RunSetup(common, options.nonInteractive, out);
        Settings settings = setup.settings();
        String p = profile != null ? profile : settings.profile();
        AwsLocation where = AwsLocation.resolve(region != null ? region : settings.region(), p);
        DryRunBaseline.Found baseline = baseline(settings, settings.environment(options.env),
                RunSetup.runsRoot(options.runsDir, settings), afterDryRun);
        return setup.execute(settings, options.env, options.runsDir, backends(dryRun, where.region(), p),
                (backend, env) -> withWhere(confirmIdentity((LiveBackend) backend, env, setup, in, dryRun, where,
                        baseline), where, p), baseline);
    }

    /**
     * The dry run this run is held to: the one named by --after-dry-run (a wrong id is invalid input, before any
     * run folder exists), else the newest of the environment and group within dry-run.max-age.
     */
    static DryRunBaseline.Found baseline(Settings settings, Environment env, Path runsRoot, String named) {
        if (named == null) {
            return DryRunBaseline.newest(runsRoot, env.name(), env.replicationGroupId(), settings.dryRunMaxAge(),
                    Instant.now());
        }
        try {
            return new DryRunBaseline.Found(Optional.of(DryRunBaseline.named(runsRoot, named, env.name(),
                    env.replicationGroupId())), "");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Records the resolved region, its source, the endpoint override and the profile, so resume reaches the same AWS. */
    static Map<String, String> withWhere(Map<String, String> identityFacts, AwsLocation where, String profile) {
        if (identityFacts == null) {
            return null;
        }
        Map<String, String> facts = new LinkedHashMap<>(identityFacts);
        facts.put(AwsLocation.REGION, where.region());
        facts.put(AwsLocation.REGION_SOURCE, where.regionSource());
        facts.put(AwsLocation.ENDPOINT_OVERRIDE, where.endpointOverride());
        facts.put("profile", profile);
        return facts;
    }

    /** The real AWS backend: read-only guarded for a dry run. */
    static RunSetup.BackendFactory backends(boolean dryRun, String region, String profile) {
        return (s, env, dir, runbook) -> {
            AwsTarget.check(region, profile);
            return dryRun ? new DryRunBackend(region, profile) : new LiveBackend(region, profile);
        };
    }

    /**
     * Shows who the credentials are (STS) and the target, then asks to proceed (not for a non-interactive dry
     * run): the facts to record, or null when the operator said no.
     */
    static Map<String, String> confirmIdentity(LiveBackend backend, Environment env, RunSetup setup, BufferedReader in,
                                               boolean dryRun, AwsLocation where) {
        return confirmIdentity(backend, env, setup, in, dryRun, where, null);
    }

    /** As above, also saying which dry run the run is held to, or that there is none (baseline null: not said). */
    static Map<String, String> confirmIdentity(LiveBackend backend, Environment env, RunSetup setup, BufferedReader in,
                                               boolean dryRun, AwsLocation where, DryRunBaseline.Found baseline) {
        PrintWriter out = setup.out();
        CallerIdentity id;
        try {
            id = backend.callerIdentity();
        } catch (SdkException e) {
            LoggerFactory.getLogger(RunCommand.class).warn("STS GetCallerIdentity failed", e);
            throw new InvalidInputException(AwsErrors.translate(
                    "tell who the AWS credentials are (STS GetCallerIdentity)", env.replicationGroupId(), e).getMessage(), e);
        }
        out.printf("AWS account %s as %s%n", id.account(), id.arn());
        out.printf("target: replication group %s (%s) · %s%n", env.replicationGroupId(), env.name(), backend.describe());
        out.printf("where: %s%n", where.describe());
        if (baseline != null) {
            out.println(baseline.record().map(b -> "held to dry run " + b.run() + " (recorded " + b.age(Instant.now())
                    + " ago): a step that differs from it " + (dryRun ? "is listed as a problem"
                    : "is stopped until you type " + DriftRequest.WORD)).orElse((dryRun ? "" : "NOTE: ") + baseline.why()));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("account", id.account());
        facts.put("arn", id.arn());
        if (dryRun && setup.nonInteractive()) {
            return facts;
        }
        out.print(dryRun ? "Proceed with the dry run (read-only)? [y/N] " : "Proceed with the LIVE run? [y/N] ");
        out.flush();
        try {
            String answer = in.readLine();
            return answer != null && answer.trim().equalsIgnoreCase("y") ? facts : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
