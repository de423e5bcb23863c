package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.aws.AwsLocation;
import dev.runbook.aws.Backend;
import dev.runbook.aws.LiveBackend;
import dev.runbook.action.dataplane.ProbeLog;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.action.Reseed;
import dev.runbook.runbook.Runbook;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.JournalReplay;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The real {@link ResumeCommand.RunOpener}: rebuilds an old run's backend from its run-started facts. A
 * rehearsal gets a new simulation at the old speed, drills and engine endpoint, its clock going on from the
 * journal's last event, seeded with what each sent step says it left ({@code Action.reseed}) so reconciliation
 * finds what AWS would show. A dry run or live run gets real AWS clients and the identity check of {@code run},
 * and must be the same AWS account as before.
 */
final class ResumeOpener implements ResumeCommand.RunOpener {
    private final RunSetup setup;
    private final BufferedReader in;
    private final Path runbook;

    /** {@code runbook}: the runbook file the run started with (its folder's copy). */
    ResumeOpener(RunSetup setup, BufferedReader in, Path runbook) {
        this.setup = setup;
        this.in = in;
        this.runbook = runbook;
    }

    @Override
    public ResumeCommand.Opened open(String runId, Path dir, JournalReplay replay, Settings settings,
                                     boolean nonInteractive) {
        String envName = replay.startFact("environment").orElse("");
        if (!settings.environments().containsKey(envName)) {
            throw new InvalidInputException("run " + runId + " was for environment '" + envName
                    + "', which " + settings.file() + " does not define: cannot resume it");
        }
        Environment env = settings.environment(envName);
        String mode = replay.startFact("mode").orElse("");
        return switch (mode) {
            case "REHEARSAL" -> setup.reopen(dir, replay.startFacts(), runbook, settings, env,
                    (s, e, d, rb) -> rehearsal(s, e, replay, d, rb), (backend, e) -> Map.of());
            case "DRY-RUN", "LIVE" -> {
                boolean dryRun = mode.equals("DRY-RUN");
                String profile = replay.startFact("profile").orElse(settings.profile());
                AwsLocation where = sameRegion(runId, replay, AwsLocation.resolve(settings.region(), profile));
                RunSetup.BackendFactory aws = RunCommand.backends(dryRun, where.region(), profile);
                yield setup.reopen(dir, replay.startFacts(), runbook, settings, env,
                        (s, e, d, rb) -> aws.create(s, e, d, rb),
                        (backend, e) -> sameAccount(runId, replay, RunCommand.confirmIdentity((LiveBackend) backend,
                                e, setup, in, dryRun, where)));
            }
            default -> throw new InvalidInputException("run " + runId + " has no mode this build can resume ('"
                    + mode + "'); see its report with: report " + runId);
        };
    }

    private static Backend rehearsal(Settings settings, Environment env, JournalReplay replay, Path dir,
                                     Runbook runbook) {
        long speed = replay.startFact("speed").map(Long::parseLong).orElse((long) settings.rehearsalSpeed());
        Set<Fault> drills = EnumSet.noneOf(Fault.class);
        replay.startFact("drills").filter(d -> !d.equals("none"))
                .ifPresent(d -> Arrays.stream(d.split(",\\s*")).forEach(w -> drills.add(Fault.parse(w))));
        // a rehearsal on real engines gets them back: checked first, restarted once the simulation is re-seeded
        RealEngineRehearsal real = replay.startFact("engines").filter("real"::equals).map(x -> RealEngineRehearsal
                .check(settings, env, null, System.getenv("PATH"))).orElse(null);
        // the clock goes on from the last moment anything in the run folder recorded: the journal, or the downtime
        // probe's record (written every second, also during a long wait the journal says nothing of)
        Instant last = Instant.parse(replay.lastTs());
        Instant probed = ProbeLog.lastTime(dir).filter(last::isBefore).orElse(last);
        RehearsalBackend backend = RehearseCommand.withSimulatedServices(new RehearsalBackend(settings, env, speed,
                drills, probed), env);
        runbook.rehearsalStart().ifPresent(start -> backend.simulation().startFrom(env, start));
        // the old simulation died with the process: each step that was sent says what the new one must hold again
        Reseed seed = new Reseed();
        for (JournalReplay.StepRecord rec : replay.steps()) {
            if (rec.sent()) {
                runbook.entry(rec.key()).ifPresent(e -> e.step().action().reseed(seed, rec.asInterrupted()));
            }
        }
        backend.simulation().restoreFrom(env, seed);
        return real == null ? backend : real.resume(backend, env, dir);
    }

    /**
     * A resumed run goes to the region it started in: when this shell resolves another one (AWS_REGION set
     * to something else), it is refused with both named; when it resolves none, the recorded one is used.
     */
    static AwsLocation sameRegion(String runId, JournalReplay replay, AwsLocation now) {
        String recorded = replay.startFact(AwsLocation.REGION).orElse("");
        if (recorded.isEmpty()) {
            return now;
        }
        if (!now.region().isEmpty() && !now.region().equals(recorded)) {
            throw new InvalidInputException("run " + runId + " ran in region " + recorded + " but this shell resolves "
                    + now.region() + " (from " + now.regionSource() + "): resume only goes to " + recorded
                    + "; unset AWS_REGION or set it to " + recorded + ", then resume");
        }
        return new AwsLocation(recorded, "the run's journal", now.endpointOverride());
    }

    /** A resumed run must reach the same account it changed before: other credentials are refused. */
    private static Map<String, String> sameAccount(String runId, JournalReplay replay, Map<String, String> identity) {
        String before = replay.startFact("account").orElse(null);
        if (identity != null && before != null && !before.equals(identity.get("account"))) {
            throw new InvalidInputException("the AWS credentials are for account " + identity.get("account")
                    + " but run " + runId + " ran in account " + before + ": resume with that account's credentials");
        }
        return identity;
    }
}
