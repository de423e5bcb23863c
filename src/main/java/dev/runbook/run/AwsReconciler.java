package dev.runbook.run;

import dev.runbook.action.elasticache.Snapshots;
import dev.runbook.runbook.Runbook;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AutomaticFailoverStatus;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/**
 * Reconciles interrupted mutating steps by reading the group (and its manual snapshots) through the run's
 * ElastiCache client: live AWS, or the rehearsal's simulation re-seeded from the journal. Read-only calls
 * only, so it is safe in every mode.
 */
public final class AwsReconciler implements Reconciler {
    private static final Duration POLL = Duration.ofSeconds(15);

    @Override
    public Finding reconcile(Runbook.Entry entry, JournalReplay.StepRecord interrupted, Run run)
            throws InterruptedException {
        String group = run.environment().replicationGroupId();
        ElastiCacheClient ec = run.backend().elastiCache();
        try {
            return switch (entry.step().actionName()) {
                case "elasticache.create-snapshot" -> snapshot(ec, group, interrupted, run);
                case "elasticache.upgrade-engine", "terraform.apply" -> byGroup(ec, group, run.environment()
                        .target().engine().equals(engine(ec, group)), "the engine is already "
                        + run.environment().target().engine(), "the engine change");
                case "elasticache.add-replicas" -> byGroup(ec, group, describe(ec, group).map(g ->
                        g.memberClusters().size() >= run.environment().numCacheClusters()).orElse(false),
                        "the group already has " + run.environment().numCacheClusters() + " nodes", "adding replicas");
                case "elasticache.enable-failover" -> byGroup(ec, group, describe(ec, group).map(g ->
                        g.automaticFailover() == AutomaticFailoverStatus.ENABLED).orElse(false),
                        "automatic failover is already on", "turning failover on");
                case "elasticache.set-transit-encryption" -> byGroup(ec, group, describe(ec, group).map(g ->
                        Boolean.TRUE.equals(g.transitEncryptionEnabled())).orElse(false),
                        "in-transit encryption is already on", "the TLS change");
                case "elasticache.restore-snapshot" -> restored(ec, group + "-rollback");
                default -> new Finding(Resolution.UNKNOWN, entry.step().actionName() + " was interrupted and "
                        + "this tool cannot tell whether it took effect: check by hand, then skip or run it again",
                        Map.of());
            };
        } catch (SdkException e) {
            return new Finding(Resolution.UNKNOWN, "could not read the group to reconcile " + entry.key() + " ("
                    + e.getClass().getSimpleName() + "): check it by hand before going on", Map.of());
        }
    }

    private static Optional<ReplicationGroup> describe(ElastiCacheClient ec, String group) {
        try {
            return ec.describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups().stream()
                    .findFirst();
        } catch (ReplicationGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String engine(ElastiCacheClient ec, String group) {
        return describe(ec, group).map(ReplicationGroup::engine).orElse("");
    }

    /** Done when the change shows; done too while the group is modifying (it was sent: the wait goes on). */
    private static Finding byGroup(ElastiCacheClient ec, String group, boolean applied, String appliedText,
                                   String what) {
        String status = describe(ec, group).map(ReplicationGroup::status).orElse("not found");
        if (applied) {
            return new Finding(Resolution.DONE, appliedText + " (group " + status + "): " + what
                    + " took effect, not sent again", Map.of("group-status", status));
        }
        if ("modifying".equals(status)) {
            return new Finding(Resolution.DONE, "the group is modifying: " + what
                    + " was sent, not sent again; the next wait goes on waiting", Map.of("group-status", status));
        }
        return new Finding(Resolution.PENDING, "no sign of " + what + " on " + group + " (group " + status
                + "): it was not sent, and may run", Map.of("group-status", status));
    }

    private static Finding restored(ElastiCacheClient ec, String newGroup) {
        Optional<ReplicationGroup> g = describe(ec, newGroup);
        if (g.isPresent()) {
            return new Finding(Resolution.DONE, newGroup + " exists (" + g.get().status()
                    + "): the restore was sent, not sent again", Map.of("restored-group", newGroup));
        }
        return new Finding(Resolution.PENDING, newGroup + " does not exist: the restore was not sent, and may run",
                Map.of());
    }

    /**
     * The snapshot is reused when it exists: the journal's name, else the newest {@code <group>-pre-valkey-*}
     * manual snapshot taken since the step started. Decision: a snapshot still {@code creating} is waited for
     * here (bounded by the snapshot timeout), because the step's promise is "available" and the engine change
     * must not start before it is.
     */
    private static Finding snapshot(ElastiCacheClient ec, String group, JournalReplay.StepRecord step, Run run)
            throws InterruptedException {
        Instant since = step.started() == null ? Instant.EPOCH : Instant.parse(step.started()).minusSeconds(60);
        Optional<Snapshot> found = manualSnapshots(ec, group, step.facts().get("snapshot-name"), since);
        if (found.isEmpty()) {
            return new Finding(Resolution.PENDING, "no manual snapshot " + Snapshots.preValkeyPrefix(group)
                    + "* since the step started: it was not taken, and may run", Map.of());
        }
        String name = found.get().snapshotName();
        Instant deadline = run.backend().time().now().plus(run.settings().waits().snapshotTimeout());
        String status = found.get().snapshotStatus();
        while ("creating".equals(status) && run.backend().time().now().isBefore(deadline)) {
            run.backend().time().sleep(POLL);
            status = manualSnapshots(ec, group, name, Instant.EPOCH).map(Snapshot::snapshotStatus).orElse("gone");
        }
        if (!"available".equals(status)) {
            return new Finding(Resolution.UNKNOWN, "snapshot " + name + " exists but is " + status
                    + ": check it before the engine change", Map.of("snapshot-name", name));
        }
        return new Finding(Resolution.DONE, "snapshot " + name + " exists and is available: reused, not taken again",
                dev.runbook.action.OrderedMaps.of("snapshot-name", name, "snapshot-status", status));
    }

    private static Optional<Snapshot> manualSnapshots(ElastiCacheClient ec, String group, String name, Instant since) {
        return ec.describeSnapshots(r -> r.replicationGroupId(group).snapshotSource("manual")).snapshots().stream()
                .filter(s -> name != null ? s.snapshotName().equals(name)
                        : s.snapshotName().startsWith(Snapshots.preValkeyPrefix(group)) && !created(s).isBefore(since))
                .max(Comparator.comparing(AwsReconciler::created));
    }

    private static Instant created(Snapshot s) {
        return s.nodeSnapshots().stream().map(n -> n.snapshotCreateTime()).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(Instant.MAX); // still creating: as new as it gets
    }
}
