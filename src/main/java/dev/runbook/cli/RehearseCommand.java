package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.Settings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.terraform.SimulatedTerraform;
import dev.runbook.action.terraform.Terraform;
import dev.runbook.aws.sim.CacheSimulation;
import dev.runbook.aws.sim.SimulatedCache;
import dev.runbook.config.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rehearse --env ENV}: the whole runbook against the built-in simulation; no AWS account, no network. */
@Command(name = "rehearse", description = "Rehearse the migration against a built-in simulation of ElastiCache and "
        + "CloudWatch on a compressed clock. Needs no AWS account.")
public final class RehearseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions options;

    @Option(names = "--speed", paramLabel = "N", converter = FlagConverters.Speed.class,
            description = "Simulated seconds per real second (default: rehearsal.speed from the settings, 60).")
    Integer speed;

    @Option(names = "--inject", paramLabel = "FAULT", converter = FlagConverters.Drill.class,
            completionCandidates = FlagConverters.DrillWords.class, description = "Make the simulation fail on "
            + "purpose (repeatable): ${COMPLETION-CANDIDATES}.")
    List<Fault> inject = new ArrayList<>();

    @Option(names = "--real-engines", description = "Run every simulated node as a real engine process: Redis 7.0 "
            + "before, Valkey 8.0 after, swapped, failed over and restored at the simulation's moments.")
    boolean realEngines;

    @Option(names = "--data", paramLabel = "FILE.rdb", description = "With --real-engines: load this RDB (e.g. an "
            + "ElastiCache backup exported to S3) into the Redis 7.0 (default: a generated keyspace).")
    Path data;

    /**
     * The rehearsal's Terraform (plans derived from the simulated group) and the simulated cache endpoint, whose
     * engine and availability follow the simulated group (real engines replace it when attached).
     */
    static RehearsalBackend withSimulatedServices(RehearsalBackend backend, Environment env) {
        backend.register(Terraform.class, new SimulatedTerraform(backend.elastiCache(), env));
        CacheSimulation sim = backend.simulation();
        String group = env.replicationGroupId();
        backend.register(CacheConnector.class, new SimulatedCache(() -> sim.endpointAvailable(group)
                ? new SimulatedCache.Engine(sim.engine(group), sim.engineVersion(group), sim.pingDelay(group)) : null,
                backend.speed()));
        return backend;
    }

    /** The rehearsal-start the simulation was seeded with, as its event says (for the run's start facts). */
    private static java.util.Optional<String> declaredStart(dev.runbook.aws.Backend backend, Environment env) {
        return ((RehearsalBackend) backend).simulation().declaredStart();
    }

    @Override
    public Integer call() {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        faults.addAll(inject);
        if (data != null && !realEngines) {
            throw new InvalidInputException("--data needs --real-engines (the simulated endpoint holds its own keyspace)");
        }
        RunSetup setup = new RunSetup(common, options.nonInteractive, spec.commandLine().getOut());
        Settings settings = setup.settings();
        long n = speed != null ? speed : settings.rehearsalSpeed();
        Path runsRoot = RunSetup.runsRoot(options.runsDir, settings);
        RealEngineRehearsal real = null;
        if (realEngines) {
            real = RealEngineRehearsal.check(settings, settings.environment(options.env), data, System.getenv("PATH"));
            RealEngineRehearsal.stopStrays(runsRoot).forEach(spec.commandLine().getErr()::println);
        }
        RealEngineRehearsal engines = real;
        return setup.execute(settings, options.env, options.runsDir,
                (s, env, dir, runbook) -> {
                    if (engines != null && runbook.rehearsalStart().isPresent()) {
                        throw new InvalidInputException("--real-engines: " + runbook.file() + " starts its rehearsal"
                                + " from a declared state (rehearsal-start: " + runbook.rehearsalStart().get().describe()
                                + ") that real engines are not seeded with (they start as Redis 7.0 with your data);"
                                + " rehearse this runbook without --real-engines");
                    }
                    RehearsalBackend b = withSimulatedServices(new RehearsalBackend(s, env, n, faults), env);
                    runbook.rehearsalStart().ifPresent(start -> b.simulation().startFrom(env, start));
                    return engines == null ? b : engines.start(b, env, dir);
                },
                (backend, env) -> {
                    Map<String, String> facts = new LinkedHashMap<>();
                    facts.put("speed", String.valueOf(n));
                    facts.put("drills", faults.isEmpty() ? "none"
                            : String.join(", ", faults.stream().map(Fault::word).toList()));
                    declaredStart(backend, env).ifPresent(d -> facts.put("rehearsal-start", d));
                    ((RehearsalBackend) backend).engines().ifPresent(e ->
                            facts.putAll(engines.facts(e.address(env.replicationGroupId()))));
                    return facts;
                });
    }
}
