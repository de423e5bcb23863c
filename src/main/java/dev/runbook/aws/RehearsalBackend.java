package dev.runbook.aws;

import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import dev.runbook.action.dataplane.CacheConnector;
import dev.runbook.action.dataplane.GroupEndpoints;
import dev.runbook.action.elasticache.SnapshotFiles;
import dev.runbook.aws.engines.RealEngines;
import dev.runbook.aws.sim.CacheSimulation;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.MaintenanceWindow;
import dev.runbook.aws.sim.SimulatedCloudWatch;
import dev.runbook.aws.sim.SimulatedElastiCache;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The rehearsal: simulated ElastiCache and CloudWatch seeded from the environment, on a {@link VirtualClock}.
 * The clock starts {@code rehearsal.start-offset} from the opening of the environment's next maintenance window
 * (by default 20 minutes before it, as an operator would start in the window's lead-up); so a change queued for the
 * window (apply-immediately = false) starts within the rehearsal instead of days later. Other services (the
 * simulated Terraform, the simulated data plane) are registered by whoever builds them.
 */
public final class RehearsalBackend implements Backend {

    private final VirtualClock clock;
    private final CacheSimulation simulation;
    private final SimulatedElastiCache elastiCache;
    private final SimulatedCloudWatch cloudWatch;
    private RealEngines engines;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    public RehearsalBackend(Settings settings, Environment env, long speed, Set<Fault> faults) {
        this(settings, env, speed, faults, start(settings.rehearsalStartOffset(), env, Instant.now()));
    }

    /**
     * A rehearsal whose clock starts at {@code start}: a resumed rehearsal goes on from its journal's last
     * event, so its simulated time never runs backwards past what the journal already recorded.
     */
    public RehearsalBackend(Settings settings, Environment env, long speed, Set<Fault> faults, Instant start) {
        this.clock = new VirtualClock(start, speed);
        this.simulation = CacheSimulation.of(env, clock, faults, settings.waits().upgradeTimeout());
        this.elastiCache = new SimulatedElastiCache(simulation);
        this.cloudWatch = new SimulatedCloudWatch(simulation);
    }

    /**
     * The first moment at or after {@code now} that lies {@code offset} from an opening of the environment's
     * maintenance window.
     */
    static Instant start(Duration offset, Environment env, Instant now) {
        return MaintenanceWindow.parse(env.maintenanceWindow()).openingAtOrAfter(now.minus(offset)).plus(offset);
    }

    /** The simulated world, for simulated services (Terraform, data plane) that must see and change it. */
    public CacheSimulation simulation() {
        return simulation;
    }

    /** Simulated seconds per real second. */
    public long speed() {
        return clock.speed();
    }

    /**
     * --real-engines: the simulation drives {@code real} at its timeline's moments, the data-plane steps talk to
     * the group's endpoint on them, snapshots are their RDB files, and closing the backend stops them.
     */
    public RehearsalBackend attach(RealEngines real, String group) {
        this.engines = real;
        simulation.drive(real);
        // the timeline holds a node down for virtual minutes: the probe scales the real outage by the speed
        register(CacheConnector.class, real.connector(group, clock.speed()));
        register(SnapshotFiles.class, real);
        register(GroupEndpoints.class, real);
        return this;
    }

    /** The real engines behind the rehearsal, when it has them. */
    public Optional<RealEngines> engines() {
        return Optional.ofNullable(engines);
    }

    /** Makes {@code service} available to actions through {@code ctx.service(type)}. */
    public <T> RehearsalBackend register(Class<T> type, T service) {
        services.put(type, service);
        return this;
    }

    @Override
    public Mode mode() {
        return Mode.REHEARSAL;
    }

    @Override
    public ElastiCacheClient elastiCache() {
        return elastiCache;
    }

    @Override
    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public TimeSource time() {
        return clock;
    }

    @Override
    public String identity() {
        return "rehearsal (simulated, no AWS)";
    }

    @Override
    public String describe() {
        String drills = simulation.faults().stream().map(Fault::word).sorted().collect(Collectors.joining(", "));
        return "simulated, speed " + clock.speed() + "x" + (drills.isEmpty() ? "" : ", drills: " + drills)
                + (engines == null ? "" : ", real engines (" + engines.describe() + ")");
    }

    @Override
    public Optional<String> notice() {
        return engines().map(e -> "Real engines: clients can connect to " + e.address(simulation.groupIds().get(0))
                + " (the group's endpoint for the whole rehearsal; nodes swap behind it"
                + e.caFile().map(ca -> "; TLS only, trust the rehearsal's CA " + ca).orElse("") + ")");
    }

    @Override
    public void close() {
        if (engines != null) {
            engines.close();
        }
        elastiCache.close();
        cloudWatch.close();
    }
}
