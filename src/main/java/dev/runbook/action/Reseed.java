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
    private String transitMode = "preferred";
    private final java.util.List<String> deletedGroups = new java.util.ArrayList<>();
    private final java.util.List<String> deletedSnapshotPrefixes = new java.util.ArrayList<>();

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

    /** In-transit encryption is on, mode required (the TLS-required runbook's change). */
    public Reseed transitRequired() {
        transitEncryption = true;
        transitMode = "required";
        return this;
    }

    /** The group of that id was deleted (the clean-up runbook). */
    public Reseed groupDeleted(String group) {
        deletedGroups.add(group);
        return this;
    }

    /** Every manual snapshot whose name starts with {@code prefix} was deleted (the clean-up runbook). */
    public Reseed snapshotsDeleted(String prefix) {
        deletedSnapshotPrefixes.add(prefix);
        return this;
    }

    public String transitModeSent() {
        return transitMode;
    }

    public java.util.List<String> deletedGroups() {
        return java.util.List.copyOf(deletedGroups);
    }

    public java.util.List<String> deletedSnapshotPrefixes() {
        return java.util.List.copyOf(deletedSnapshotPrefixes);
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
