package dev.runbook.action;

import java.util.Optional;

/**
 * What a resumed rehearsal's simulation must show again because the old run (whose simulation died with it) sent
 * it: each mutating action says what its sent step leaves ({@code Action.reseed}); {@code CacheSimulation.restoreFrom}
 * applies it all in the order AWS would have (the snapshot before the engine change, the rollback group from the
 * snapshot).
 */
public final class Reseed {
    private String snapshotName;
    private boolean engineChanged;
    private boolean replicasAdded;
    private boolean failoverEnabled;
    private boolean transitEncryption;
    private String restoredGroup;

    /** The pre-migration manual snapshot of that name exists (available). */
    public Reseed snapshot(String name) {
        snapshotName = name;
        return this;
    }

    /** The group and every member run the environment's target engine. */
    public Reseed engineChanged() {
        engineChanged = true;
        return this;
    }

    /** The group has the environment's number of nodes. */
    public Reseed replicasAdded() {
        replicasAdded = true;
        return this;
    }

    /** Automatic failover (and Multi-AZ as the environment says) is on. */
    public Reseed failoverEnabled() {
        failoverEnabled = true;
        return this;
    }

    /** In-transit encryption is on, mode preferred. */
    public Reseed transitEncryption() {
        transitEncryption = true;
        return this;
    }

    /** A group of that name was restored from the snapshot. */
    public Reseed restored(String group) {
        restoredGroup = group;
        return this;
    }

    public Optional<String> snapshotName() {
        return Optional.ofNullable(snapshotName);
    }

    public boolean engineChangedSent() {
        return engineChanged;
    }

    public boolean replicasAddedSent() {
        return replicasAdded;
    }

    public boolean failoverEnabledSent() {
        return failoverEnabled;
    }

    public boolean transitEncryptionSent() {
        return transitEncryption;
    }

    public Optional<String> restoredGroup() {
        return Optional.ofNullable(restoredGroup);
    }
}
