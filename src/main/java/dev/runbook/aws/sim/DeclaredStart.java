package dev.runbook.aws.sim;

import dev.runbook.config.Environment;
import dev.runbook.runbook.RehearsalStart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * Puts the simulated group where a runbook's {@code rehearsal-start} block says an earlier runbook left it (engine,
 * nodes, failover, TLS mode), with the rollback group and the pre-migration snapshots it names, as settled state.
 * Applied right after the environment's seed, before anything runs (and before a resume's re-seed).
 */
final class DeclaredStart {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private DeclaredStart() {
    }

    static void apply(CacheSimulation sim, Environment env, RehearsalStart start) {
        synchronized (sim) {
            SimGroup g = sim.require(env.replicationGroupId());
            Instant now = sim.now();
            Catalog.EngineVersion source = Catalog.find(env.source().engine(), env.source().version()).orElseThrow();
            Catalog.EngineVersion runs = Catalog.find(start.engine(), start.version()).orElseThrow(() ->
                    new IllegalArgumentException("the simulation has no " + start.engine() + " " + start.version()));
            for (Duration age : start.snapshotAges()) {
                // the snapshot was of the Redis group, before the change
                Instant at = now.minus(age);
                String name = (env.replicationGroupId() + "-pre-valkey-" + STAMP.format(at)).toLowerCase(Locale.ROOT);
                sim.snapshots.put(name, new SimSnapshot(name, g, "manual", at, "available"));
            }
            if (start.rollbackGroup()) {
                SimGroup r = new SimGroup(env.replicationGroupId() + "-rollback", now.minus(Duration.ofDays(1)));
                r.engine = source.engine();
                r.nodeType = g.nodeType;
                r.parameterGroup = "default." + source.family();
                r.atRestEncryption = g.atRestEncryption;
                r.snapshotWindow = g.snapshotWindow;
                r.maintenanceWindow = g.maintenanceWindow;
                r.members.add(new SimGroup.Member(r.nextMemberId(), r.created, source.full(), true));
                sim.groups.put(r.id, r);
            }
            g.engine = runs.engine();
            g.parameterGroup = start.parameterGroup();
            g.members.forEach(m -> m.engineVersion = runs.full());
            while (g.members.size() < start.numCacheClusters()) {
                g.members.add(new SimGroup.Member(g.nextMemberId(), now, runs.full(), false));
            }
            g.automaticFailover = start.automaticFailover();
            g.multiAz = start.multiAz();
            g.transitEncryption = !"off".equals(start.transitEncryption());
            g.transitMode = g.transitEncryption ? start.transitEncryption() : null;
            sim.event(SourceType.REPLICATION_GROUP, g.id, "Rehearsal starts from the runbook's declared state: "
                    + start.describe() + ".");
        }
    }
}
