package dev.runbook.aws.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * The timeline of one engine change on a simulated group. Without a replica the primary node is replaced and
 * the endpoint does not answer for ~8 minutes (the guide's 5-10); with replicas the replicas are upgraded first,
 * then a failover of a few seconds, then the old primary. {@code upgrade-fails} reverts everything after ~6
 * minutes; {@code slow-upgrade} stretches the timeline beyond the configured upgrade timeout.
 */
final class Upgrade {
    static final Duration SINGLE_NODE = Duration.ofMinutes(12);
    static final Duration WITH_REPLICAS = Duration.ofMinutes(14);
    static final Duration FAILOVER = Duration.ofSeconds(8);
    /** The cpu-spike drill: how long the new primary's engine runs hot once the group is available again. */
    static final Duration HOT_ENGINE = Duration.ofMinutes(15);

    private final CacheSimulation sim;
    private final SimGroup g;
    private final String engine;
    private final String version;
    private final String parameterGroup;
    private final double stretch;
    private boolean withdrawn;

    Upgrade(CacheSimulation sim, SimGroup g, String engine, String version, String parameterGroup) {
        this.sim = sim;
        this.g = g;
        this.engine = engine;
        this.version = version;
        this.parameterGroup = parameterGroup;
        Duration base = g.members.size() > 1 ? WITH_REPLICAS : SINGLE_NODE;
        this.stretch = sim.has(Fault.SLOW_UPGRADE)
                ? (double) sim.upgradeTimeout().plusMinutes(15).toSeconds() / base.toSeconds() : 1.0;
    }

    private Duration at(double minutes) {
        return Duration.ofMillis(Math.round(minutes * stretch * 60_000));
    }

    /** A queued change that was withdrawn before its window: its scheduled start does nothing. */
    void withdraw() {
        withdrawn = true;
    }

    /** Starts now: the group goes to modifying; the rest is scheduled. Called under the simulation's lock. */
    void start() {
        if (withdrawn) {
            return;
        }
        if (g.queuedUpgrade == this) {
            g.queuedUpgrade = null;
        }
        Instant start = sim.now();
        String from = g.engine + " " + g.primary().engineVersion;
        g.status = "modifying";
        g.members.forEach(m -> {
            m.status = "modifying";
            m.pendingEngineVersion = version;
            m.phases.add(new SimGroup.Phase(SimGroup.Phase.Kind.UPGRADE, start, null));
        });
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Modifying replication group " + g.id + ": engine " + from
                + " to " + engine + " " + version + ".");
        if (sim.has(Fault.UPGRADE_FAILS)) {
            sim.schedule(at(2), () -> outage(true));
            sim.schedule(at(6), this::fail);
            return;
        }
        List<SimGroup.Member> replicas = g.members.stream().filter(m -> !m.primary).toList();
        // replicas first, as ElastiCache does: each replica goes down now and comes back on the target engine
        replicas.forEach(m -> sim.engines().down(g.id, m.id));
        if (replicas.isEmpty()) {
            sim.schedule(at(2), () -> outage(true));
            sim.schedule(at(10), () -> {
                upgraded(g.primary());
                outage(false);
                sim.engines().up(g.id, g.primary().id, engine, Optional.empty());
            });
            sim.schedule(at(12), this::finish);
            return;
        }
        sim.schedule(at(7), () -> replicas.forEach(m -> {
            upgraded(m);
            sim.engines().up(g.id, m.id, engine, Optional.of(g.primary().id));
        }));
        sim.schedule(at(7), this::failover);
        sim.schedule(at(12), () -> g.members.stream().filter(m -> m.pendingEngineVersion != null)
                .forEach(m -> {
                    upgraded(m);
                    sim.engines().up(g.id, m.id, engine, Optional.of(g.primary().id));
                }));
        sim.schedule(at(14), this::finish);
    }

    private void outage(boolean begins) {
        g.endpointAvailable = !begins;
        Instant now = sim.now();
        SimGroup.Member p = g.primary();
        if (begins) {
            p.phases.add(new SimGroup.Phase(SimGroup.Phase.Kind.OUTAGE, now, null));
            sim.event(SourceType.CACHE_CLUSTER, p.id, "Cache node 0001 shutdown for engine upgrade.");
            sim.engines().down(g.id, p.id);
        } else {
            close(p, SimGroup.Phase.Kind.OUTAGE, now);
            sim.event(SourceType.CACHE_CLUSTER, p.id, "Cache node 0001 restarted.");
        }
    }

    private void failover() {
        SimGroup.Member oldPrimary = g.primary();
        SimGroup.Member next = g.members.stream().filter(m -> !m.primary).findFirst().orElseThrow();
        Instant now = sim.now();
        oldPrimary.phases.add(new SimGroup.Phase(SimGroup.Phase.Kind.FAILOVER, now, now.plus(FAILOVER)));
        oldPrimary.primary = false;
        next.primary = true;
        sim.engines().failover(g.id, oldPrimary.id, next.id);
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Failover to replica node " + next.id + " completed.");
    }

    private void upgraded(SimGroup.Member m) {
        m.engineVersion = version;
        m.pendingEngineVersion = null;
        m.status = "available";
        close(m, SimGroup.Phase.Kind.UPGRADE, sim.now());
        sim.event(SourceType.CACHE_CLUSTER, m.id, "Engine upgrade to " + engine + " " + version
                + " completed on cache cluster " + m.id + ".");
    }

    private void finish() {
        g.engine = engine;
        g.parameterGroup = parameterGroup;
        g.status = "available";
        g.endpointAvailable = true;
        g.members.forEach(m -> m.status = "available");
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Replication group " + g.id + " modified: engine " + engine
                + " " + version + ", parameter group " + parameterGroup + ".");
        if (sim.has(Fault.CPU_SPIKE)) {
            Instant now = sim.now();
            g.primary().phases.add(new SimGroup.Phase(SimGroup.Phase.Kind.HOT_ENGINE, now, now.plus(HOT_ENGINE)));
        }
    }

    private void fail() {
        Instant now = sim.now();
        g.status = "available";
        g.endpointAvailable = true;
        for (SimGroup.Member m : g.members) {
            m.status = "available";
            m.pendingEngineVersion = null;
            close(m, SimGroup.Phase.Kind.UPGRADE, now);
            close(m, SimGroup.Phase.Kind.OUTAGE, now);
            // a node that was shut down for the change comes back on the old engine and data
            sim.engines().up(g.id, m.id, g.engine, m.primary ? Optional.empty()
                    : Optional.of(g.primary().id));
        }
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Failed to modify replication group " + g.id
                + ": engine upgrade to " + engine + " " + version + " failed; the group was restored to "
                + g.engine + " " + g.primary().engineVersion + ".");
    }

    private static void close(SimGroup.Member m, SimGroup.Phase.Kind kind, Instant end) {
        for (int i = 0; i < m.phases.size(); i++) {
            SimGroup.Phase p = m.phases.get(i);
            if (p.kind() == kind && p.end() == null) {
                m.phases.set(i, new SimGroup.Phase(kind, p.start(), end));
            }
        }
    }
}
