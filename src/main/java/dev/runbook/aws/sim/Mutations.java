package dev.runbook.aws.sim;

import dev.runbook.config.MaintenanceWindow;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterValueException;
import software.amazon.awssdk.services.elasticache.model.InvalidReplicationGroupStateException;
import software.amazon.awssdk.services.elasticache.model.InvalidSnapshotStateException;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupAlreadyExistsException;
import software.amazon.awssdk.services.elasticache.model.SnapshotAlreadyExistsException;
import software.amazon.awssdk.services.elasticache.model.SnapshotNotFoundException;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.TransitEncryptionMode;

/**
 * The simulated ElastiCache's changes, with the checks AWS makes first and the time each change takes:
 * a manual snapshot (~2 min), an engine change (see {@link Upgrade}), failover/Multi-AZ (~2 min), TLS
 * (~5 min), adding replicas (~8 min), restoring a snapshot into a new group (~10 min). Run under the
 * simulation's lock.
 */
final class Mutations {
    private final CacheSimulation sim;

    Mutations(CacheSimulation sim) {
        this.sim = sim;
    }

    SimSnapshot createSnapshot(CreateSnapshotRequest r) {
        SimGroup g = sim.require(r.replicationGroupId());
        String name = r.snapshotName().toLowerCase(Locale.ROOT);
        if (sim.snapshots.containsKey(name)) {
            throw sim.error(SnapshotAlreadyExistsException.builder(), 400, "SnapshotAlreadyExistsFault",
                    "Snapshot " + name + " already exists.");
        }
        requireAvailable(g);
        SimSnapshot s = new SimSnapshot(name, g, "manual", sim.now(), "creating");
        sim.snapshots.put(name, s);
        g.status = "snapshotting";
        g.snapshottingCluster = s.clusterId;
        if (!sim.has(Fault.SNAPSHOT_FAILS)) {
            sim.engines().snapshot(g.id, s.clusterId, name);
        }
        boolean fails = sim.has(Fault.SNAPSHOT_FAILS);
        sim.schedule(Duration.ofMinutes(fails ? 1 : 2), () -> {
            s.status = fails ? "failed" : "available";
            g.status = "available";
            g.snapshottingCluster = null;
            sim.event(SourceType.REPLICATION_GROUP, g.id, fails
                    ? "Snapshot failed for snapshot named " + name + " of replication group " + g.id + "."
                    : "Snapshot succeeded for snapshot named " + name + " of replication group " + g.id + ".");
        });
        return s;
    }

    SimGroup modify(ModifyReplicationGroupRequest r) {
        SimGroup g = sim.require(r.replicationGroupId());
        requireAvailable(g);
        String engine = r.engine() == null ? g.engine : r.engine();
        String current = g.primary().engineVersion;
        boolean engineChange = !engine.equals(g.engine) || (r.engineVersion() != null
                && !current.equals(r.engineVersion()) && !current.startsWith(r.engineVersion() + "."));
        String parameterGroup = r.cacheParameterGroupName();
        Catalog.EngineVersion target = null;
        if (engineChange) {
            String version = r.engineVersion();
            if (version == null) {
                throw combination("EngineVersion is required when changing the engine to " + engine + ".");
            }
            target = Catalog.find(engine, version).orElseThrow(() -> sim.error(InvalidParameterValueException.builder(),
                    400, "InvalidParameterValue", "Invalid engine version " + version + " for engine " + engine + "."));
            if (Catalog.rank(engine, target.full()) < Catalog.rank(g.engine, current)) {
                throw combination("Cannot downgrade from " + g.engine + " " + current + " to " + engine + " "
                        + target.full() + ".");
            }
            if (parameterGroup == null) {
                if (!g.parameterGroup.startsWith("default.")) {
                    throw combination("Expected a parameter group of family " + target.family()
                            + ": the group uses the custom parameter group " + g.parameterGroup + ".");
                }
                parameterGroup = "default." + target.family();
            }
        }
        String family = target != null ? target.family()
                : Catalog.find(g.engine, current).orElseThrow().family();
        if (parameterGroup != null) {
            String pgFamily = Catalog.PARAMETER_GROUPS.get(parameterGroup);
            if (pgFamily == null) {
                throw sim.error(CacheParameterGroupNotFoundException.builder(), 404, "CacheParameterGroupNotFound",
                        "CacheParameterGroup " + parameterGroup + " not found.");
            }
            if (!pgFamily.equals(family)) {
                throw combination("Expected a parameter group of family " + family + " but found " + pgFamily + ".");
            }
        }
        checkFailover(g, r);
        if (Boolean.TRUE.equals(r.transitEncryptionEnabled()) && !g.transitEncryption
                && r.transitEncryptionMode() != TransitEncryptionMode.PREFERRED) {
            throw combination("TransitEncryptionMode must be preferred when enabling in-transit encryption.");
        }
        boolean apply = Boolean.TRUE.equals(r.applyImmediately());
        if (!engineChange && g.queuedUpgrade != null && (r.engine() != null || r.engineVersion() != null)) {
            withdrawQueued(g, current);
        }
        if (engineChange) {
            Upgrade upgrade = new Upgrade(sim, g, engine, target.full(), parameterGroup);
            String full = target.full();
            g.members.forEach(m -> m.pendingEngineVersion = full);
            if (apply) {
                // The status may still read "available" for a moment after the call, as AWS may show it.
                sim.schedule(Duration.ofSeconds(30), upgrade::start);
            } else {
                g.queuedUpgrade = upgrade;
                sim.scheduleAt(MaintenanceWindow.parse(g.maintenanceWindow).nextApply(sim.now()), upgrade::start);
            }
        } else if (parameterGroup != null) {
            g.parameterGroup = parameterGroup;
        }
        applyOthers(g, r);
        return g;
    }

    /**
     * A Modify that names the engine and version the group runs while an engine change waits for the window:
     * the simulation assumes AWS replaces the queued change with it (AWS documents this for pending node
     * counts, not for engine versions), unless the {@code withdraw-refused} drill says AWS refuses.
     */
    private void withdrawQueued(SimGroup g, String current) {
        if (sim.has(Fault.WITHDRAW_REFUSED)) {
            throw combination("An engine upgrade to " + g.members.get(0).pendingEngineVersion + " is pending for"
                    + " the maintenance window of " + g.id + "; it cannot be changed to " + g.engine + " " + current + ".");
        }
        g.queuedUpgrade.withdraw();
        g.queuedUpgrade = null;
        g.members.forEach(m -> m.pendingEngineVersion = null);
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Pending engine version modification withdrawn for replication"
                + " group " + g.id + ".");
    }

    private void checkFailover(SimGroup g, ModifyReplicationGroupRequest r) {
        boolean failover = r.automaticFailoverEnabled() == null ? g.automaticFailover : r.automaticFailoverEnabled();
        boolean multiAz = r.multiAZEnabled() == null ? g.multiAz : r.multiAZEnabled();
        if (failover && g.members.size() < 2) {
            throw combination("Replication group " + g.id + " must have at least one read replica to enable"
                    + " automatic failover.");
        }
        if (multiAz && !failover) {
            throw combination("Multi-AZ requires automatic failover to be enabled.");
        }
    }

    private void applyOthers(SimGroup g, ModifyReplicationGroupRequest r) {
        if (r.automaticFailoverEnabled() != null && r.automaticFailoverEnabled() != g.automaticFailover
                || r.multiAZEnabled() != null && r.multiAZEnabled() != g.multiAz) {
            g.status = "modifying";
            g.pendingFailover = Boolean.TRUE.equals(r.automaticFailoverEnabled()) ? "enabled" : "disabled";
            sim.schedule(Duration.ofMinutes(2), () -> {
                if (r.automaticFailoverEnabled() != null) {
                    g.automaticFailover = r.automaticFailoverEnabled();
                }
                if (r.multiAZEnabled() != null) {
                    g.multiAz = r.multiAZEnabled();
                }
                g.pendingFailover = null;
                g.status = "available";
                sim.event(SourceType.REPLICATION_GROUP, g.id, "Automatic failover " + (g.automaticFailover
                        ? "enabled" : "disabled") + ", Multi-AZ " + (g.multiAz ? "enabled" : "disabled") + ".");
            });
        }
        if (r.transitEncryptionEnabled() != null && r.transitEncryptionEnabled() != g.transitEncryption
                || r.transitEncryptionMode() != null && !r.transitEncryptionModeAsString().equals(g.transitMode)) {
            g.status = "modifying";
            sim.schedule(Duration.ofMinutes(5), () -> {
                g.transitEncryption = Boolean.TRUE.equals(r.transitEncryptionEnabled()) || g.transitEncryption;
                g.transitMode = r.transitEncryptionModeAsString();
                g.status = "available";
                sim.event(SourceType.REPLICATION_GROUP, g.id, "In-transit encryption is now " + g.transitMode + ".");
            });
        }
    }

    SimGroup increaseReplicaCount(IncreaseReplicaCountRequest r) {
        SimGroup g = sim.require(r.replicationGroupId());
        requireAvailable(g);
        int wanted = r.newReplicaCount() == null ? -1 : r.newReplicaCount();
        if (wanted < g.members.size() || wanted > 5) {
            throw sim.error(InvalidParameterValueException.builder(), 400, "InvalidParameterValue",
                    "NewReplicaCount must be greater than the current replica count (" + (g.members.size() - 1)
                            + ") and at most 5.");
        }
        g.status = "modifying";
        String version = g.primary().engineVersion;
        while (g.members.size() < wanted + 1) {
            SimGroup.Member m = new SimGroup.Member(g.nextMemberId(), sim.now(), version, false);
            m.status = "creating";
            g.members.add(m);
            sim.engines().up(g.id, m.id, g.engine, Optional.of(g.primary().id));
        }
        sim.schedule(Duration.ofMinutes(8), () -> {
            g.members.forEach(m -> m.status = "available");
            g.status = "available";
            sim.event(SourceType.REPLICATION_GROUP, g.id, "Replica count of replication group " + g.id
                    + " increased to " + wanted + ".");
        });
        return g;
    }

    SimGroup createReplicationGroup(CreateReplicationGroupRequest r) {
        if (sim.groups.containsKey(r.replicationGroupId())) {
            throw sim.error(ReplicationGroupAlreadyExistsException.builder(), 400, "ReplicationGroupAlreadyExists",
                    "Replication group " + r.replicationGroupId() + " already exists.");
        }
        SimSnapshot s = r.snapshotName() == null ? null : sim.snapshots.get(r.snapshotName());
        if (r.snapshotName() != null && s == null) {
            throw sim.error(SnapshotNotFoundException.builder(), 404, "SnapshotNotFoundFault",
                    "Snapshot " + r.snapshotName() + " not found.");
        }
        if (s != null && !"available".equals(s.status)) {
            throw sim.error(InvalidSnapshotStateException.builder(), 400, "InvalidSnapshotState",
                    "Snapshot " + s.name + " is not in available state (" + s.status + ").");
        }
        String engine = r.engine() != null ? r.engine() : s != null ? s.engine : "redis";
        String version = r.engineVersion() != null ? r.engineVersion() : s != null ? s.engineVersion : "7.0";
        Catalog.EngineVersion v = Catalog.find(engine, version).orElseThrow(() -> sim.error(
                InvalidParameterValueException.builder(), 400, "InvalidParameterValue",
                "Invalid engine version " + version + " for engine " + engine + "."));
        if (s != null && Catalog.rank(engine, v.full()) < Catalog.rank(s.engine, s.engineVersion)) {
            throw combination("Cannot restore a " + s.engine + " " + s.engineVersion + " snapshot into " + engine
                    + " " + v.full() + ".");
        }
        SimGroup g = new SimGroup(r.replicationGroupId(), sim.now());
        g.engine = engine;
        g.nodeType = r.cacheNodeType() != null ? r.cacheNodeType() : s != null ? s.nodeType : "cache.t4g.micro";
        g.parameterGroup = r.cacheParameterGroupName() != null ? r.cacheParameterGroupName() : "default." + v.family();
        g.atRestEncryption = Boolean.TRUE.equals(r.atRestEncryptionEnabled());
        g.transitEncryption = Boolean.TRUE.equals(r.transitEncryptionEnabled());
        g.snapshotWindow = r.snapshotWindow() != null ? r.snapshotWindow() : "03:00-05:00";
        g.maintenanceWindow = r.preferredMaintenanceWindow() != null ? r.preferredMaintenanceWindow()
                : "sun:05:00-sun:07:00";
        g.snapshotRetentionLimit = r.snapshotRetentionLimit() == null ? 0 : r.snapshotRetentionLimit();
        g.status = "creating";
        int n = r.numCacheClusters() == null ? 1 : r.numCacheClusters();
        for (int i = 0; i < n; i++) {
            SimGroup.Member m = new SimGroup.Member(g.nextMemberId(), sim.now(), v.full(), i == 0);
            m.status = "creating";
            g.members.add(m);
        }
        g.endpointAvailable = false;
        sim.groups.put(g.id, g);
        if (s != null) {
            sim.engines().restored(g.id, g.members.get(0).id, engine, s.name);
        }
        sim.event(SourceType.REPLICATION_GROUP, g.id, "Replication group " + g.id + " created"
                + (s == null ? "." : " from snapshot " + s.name + "."));
        sim.schedule(Duration.ofMinutes(10), () -> {
            g.status = "available";
            g.endpointAvailable = true;
            g.members.forEach(m -> m.status = "available");
            sim.event(SourceType.REPLICATION_GROUP, g.id, "Replication group " + g.id + " is available"
                    + (s == null ? "." : ": restored from snapshot " + s.name + "."));
        });
        return g;
    }

    private void requireAvailable(SimGroup g) {
        if (!"available".equals(g.status)) {
            throw sim.error(InvalidReplicationGroupStateException.builder(), 400, "InvalidReplicationGroupState",
                    "Replication group " + g.id + " is not in available state (" + g.status + ").");
        }
    }

    private RuntimeException combination(String message) {
        return sim.error(InvalidParameterCombinationException.builder(), 400, "InvalidParameterCombination", message);
    }
}
