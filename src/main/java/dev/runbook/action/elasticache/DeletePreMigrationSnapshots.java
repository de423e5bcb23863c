package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.OrderedMaps;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/**
 * {@code elasticache.delete-snapshots}: deletes the manual pre-migration snapshots {@code <group>-pre-valkey-*}
 * (DeleteSnapshot each, then waits until AWS no longer lists them) once every one is older than
 * {@code cleanup.grace-period}. One younger than that, or of unknown age (AWS sent no node snapshot time), makes the
 * step refuse with nothing deleted: it is the only way back to Redis 7.0 while the team may still need it. Automated
 * snapshots and other manual ones are never touched. Idempotent: a snapshot already gone or deleting is fine.
 */
public record DeletePreMigrationSnapshots(String group) implements Action {
    public static Action create(Params p) {
        return new DeletePreMigrationSnapshots(p.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        String names = ctx.fact("leftover-snapshots").map(s -> "none".equals(s) ? "none (nothing would be sent)" : s)
                .orElse(Snapshots.preValkeyPrefix(group) + "*");
        Duration grace = ctx.settings().cleanupGracePeriod();
        return Preview.of("Delete the pre-migration manual snapshots of " + group + ": " + names + " — only when every"
                        + " one is older than cleanup.grace-period (" + grace.toDays() + "d); then wait until they are gone",
                DeleteSnapshotRequest.builder().snapshotName(Snapshots.preValkeyPrefix(group) + "<each>").build()
                        .toString())
                .withWarning("After this there is no way back to Redis 7.0: the snapshots are the only copy of the data"
                        + " as it was before the migration.");
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        ElastiCacheClient ec = AwsClients.elastiCache(ctx);
        List<Snapshot> found = preValkey(ec);
        Duration grace = ctx.settings().cleanupGracePeriod();
        if (found.isEmpty()) {
            return Outcome.succeeded("Nothing to delete: no " + Snapshots.preValkeyPrefix(group) + "* snapshot")
                    .fact("deleted-snapshots", "none").build();
        }
        Instant now = ctx.time().now();
        List<String> tooYoung = new ArrayList<>();
        for (Snapshot s : found) {
            Optional<Instant> at = Snapshots.capturedAt(s);
            if (at.isEmpty()) {
                tooYoung.add(s.snapshotName() + " (of unknown age: AWS sent no snapshot time)");
            } else if (Duration.between(at.get(), now).compareTo(grace) < 0) {
                Duration age = Duration.between(at.get(), now);
                tooYoung.add(s.snapshotName() + " (" + age.toDays() + "d " + age.toHoursPart() + "h old)");
            }
        }
        if (!tooYoung.isEmpty()) {
            return Outcome.failed("Refused, nothing deleted: " + String.join(", ", tooYoung) + " is younger than"
                    + " cleanup.grace-period (" + grace.toDays() + "d). Run the clean-up again once it is older, or"
                    + " shorten the grace period in the settings if the team is sure")
                    .fact("grace-period", grace.toDays() + "d").build();
        }
        List<String> names = found.stream().map(Snapshot::snapshotName).toList();
        for (Snapshot s : found) {
            if ("available".equals(s.snapshotStatus())) {
                var req = DeleteSnapshotRequest.builder().snapshotName(s.snapshotName()).build();
                Modify.send(ctx, "delete the snapshot " + s.snapshotName(), group, req,
                        () -> ec.deleteSnapshot(req));
            }
        }
        Waiting.until(ctx, "snapshots deleted", ctx.settings().waits().snapshotTimeout(), DeleteRollbackGroup.POLL, () -> {
            List<Snapshot> left = preValkey(ec);
            return left.isEmpty() ? Waiting.Look.done("gone", true)
                    : Waiting.Look.<Boolean>pending(left.size() + " left (" + left.get(0).snapshotStatus() + ")");
        });
        return Outcome.succeeded("Deleted " + names.size() + " pre-migration snapshot(s), each older than "
                        + grace.toDays() + "d: " + String.join(", ", names))
                .fact("deleted-snapshots", String.join(",", names)).fact("grace-period", grace.toDays() + "d").build();
    }

    /** The group's manual snapshots named {@code <group>-pre-valkey-*}, every page. */
    private List<Snapshot> preValkey(ElastiCacheClient ec) throws ActionException {
        return Snapshots.list(ec, group, null).stream().filter(s -> "manual".equals(s.snapshotSource()))
                .filter(s -> s.snapshotName().startsWith(Snapshots.preValkeyPrefix(group))).toList();
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step)
            throws ActionException {
        List<Snapshot> left = preValkey(ctx.elastiCache()).stream()
                .filter(s -> !"deleting".equals(s.snapshotStatus())).toList();
        var facts = OrderedMaps.of("snapshots-left", String.valueOf(left.size()));
        return Optional.of(left.isEmpty()
                ? Reconciliation.done("no " + Snapshots.preValkeyPrefix(group) + "* snapshot is left (gone or"
                        + " deleting): the deletes were sent, not sent again", facts)
                : Reconciliation.pending(left.size() + " " + Snapshots.preValkeyPrefix(group) + "* snapshot(s) still"
                        + " there: the step may run again (it checks the grace period again and deletes only those)",
                        facts));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.snapshotsDeleted(Snapshots.preValkeyPrefix(group));
    }
}
