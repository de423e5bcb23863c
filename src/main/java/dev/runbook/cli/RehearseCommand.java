package dev.runbook.cli;

import dev.runbook.InvalidInputException;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.Settings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.Optional;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.dataplane.Endpoint;
import dev.runbook.action.dataplane.JedisConnector;
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

    @Option(names = "--speed", paramLabel = "N", description = "Simulated seconds per real second "
            + "(default: rehearsal.speed from the settings, 60).")
    Integer speed;

    @Option(names = "--inject", paramLabel = "FAULT", description = "Make the simulation fail on purpose (repeatable): "
            + "snapshot-fails, upgrade-fails, throttling, slow-upgrade, lease-held.")
    List<String> inject = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "HOST:PORT", description = "A real local Redis/Valkey for the "
            + "data-plane steps (default: a simulated endpoint).")
    String engine;

    /**
     * The rehearsal's Terraform (plans derived from the simulated group) and cache endpoint: the simulated one,
     * whose engine and availability follow the simulated group, or the real engine given with --engine.
     */
    static RehearsalBackend withSimulatedServices(RehearsalBackend backend, Environment env) {
        backend.register(Terraform.class, new SimulatedTerraform(backend.elastiCache(), env));
        CacheSimulation sim = backend.simulation();
        String group = env.replicationGroupId();
        CacheConnector connector = backend.engineEndpoint()
                .<CacheConnector>map(e -> new JedisConnector(Endpoint.parse(e, false, "--engine"), Optional.empty(), "none"))
                .orElseGet(() -> new SimulatedCache(() -> sim.endpointAvailable(group)
                        ? new SimulatedCache.Engine(sim.engine(group), sim.engineVersion(group)) : null,
                        backend.speed()));
        backend.register(CacheConnector.class, connector);
        return backend;
    }

    @Override
    public Integer call() {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        inject.forEach(word -> faults.add(Fault.parse(word)));
        if (speed != null && speed < 1) {
            throw new InvalidInputException("--speed must be at least 1 (simulated seconds per real second), was " + speed);
        }
        if (engine != null) {
            // the same parse the data plane uses later, so nothing it would reject gets past this point
            try {
                Endpoint.parse(engine, false, "--engine");
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--engine: '" + engine + "' is not HOST:PORT (e.g. localhost:6379)");
            }
        }
        RunSetup setup = new RunSetup(common, options.nonInteractive, spec.commandLine().getOut());
        Settings settings = setup.settings();
        long n = speed != null ? speed : settings.rehearsalSpeed();
        return setup.execute(settings, options.env, options.runsDir,
                (s, env) -> withSimulatedServices(new RehearsalBackend(s, env, n, faults, engine), env),
                (backend, env) -> dev.runbook.action.OrderedMaps.of("speed", String.valueOf(n),
                        "drills", faults.isEmpty() ? "none" : String.join(", ", faults.stream().map(Fault::word).toList()),
                        "engine-endpoint", engine == null ? "simulated" : engine));
    }
}
