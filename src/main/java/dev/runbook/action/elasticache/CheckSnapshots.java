package dev.runbook.action.elasticache;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.Snapshot;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * Checks that a recent backup exists: the newest available automated and manual snapshots, with their age;
 * fails when there is none or the newest is older than the step's max age.
 */
public record CheckSnapshots(String group, Duration maxAge) implements Action {
    public static Action create(Params p) {
        return new CheckSnapshots(p.string("replication-group"), p.duration("max-age", Duration.ofHours(24)));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("List the snapshots of " + group + "; the newest must be younger than "
                + Waiting.format(maxAge), DescribeSnapshotsRequest.builder().replicationGroupId(group).build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        List<Snapshot> all = Snapshots.list(AwsClients.elastiCache(ctx), group, null);
        Instant now = ctx.time().now();
        Optional<Snapshot> automated = Snapshots.newest(all, "automated");
        Optional<Snapshot> manual = Snapshots.newest(all, "manual");
        Optional<Snapshot> newest = automated.isEmpty() ? manual : manual.isEmpty() ? automated
                : Snapshots.takenAt(automated.get()).isAfter(Snapshots.takenAt(manual.get())) ? automated : manual;
        Outcome.Builder b;
        if (newest.isEmpty()) {
            b = Outcome.failed("No available snapshot of " + group + ": take one (the manual-snapshot step does) or"
                    + " turn on automatic backups, then retry.");
        } else if (Snapshots.capturedAt(newest.get()).isEmpty()) {
            b = Outcome.failed("newest snapshot " + newest.get().snapshotName() + " is " + Snapshots.age(newest.get(), now)
                    + ": cannot tell whether it is within " + Waiting.format(maxAge) + "; check it with aws elasticache"
                    + " describe-snapshots, or take a fresh one, then retry.");
        } else {
            Duration age = Duration.between(Snapshots.capturedAt(newest.get()).orElseThrow(), now);
            String line = "newest snapshot " + newest.get().snapshotName() + " is " + Waiting.format(age) + " old";
            b = age.compareTo(maxAge) > 0
                    ? Outcome.failed(line + ", older than " + Waiting.format(maxAge) + ": take a fresh one, then retry.")
                    : Outcome.succeeded(line + " (max " + Waiting.format(maxAge) + ")");
        }
        b.fact("newest-automated", describe(automated, now)).fact("newest-manual", describe(manual, now));
        // every snapshot seen, for the drift guard: a later run notices one that is gone
        List<String> seen = all.stream().map(Snapshot::snapshotName).toList();
        b.fact("snapshots", seen.isEmpty() ? "none" : String.join(",", seen));
        return b.build();
    }

    private static String describe(Optional<Snapshot> s, Instant now) {
        return s.map(x -> x.snapshotName() + " (" + Snapshots.age(x, now) + ")").orElse("none");
    }

    /** SSM: the age of the newest snapshot is time arithmetic, so a script checks it. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.of(ctx.script("Newest", "the newest available snapshot is younger than " + Waiting.format(maxAge),
                "snapshots.py", "newest_within", SsmStep.inputs("ReplicationGroupId", ctx.group(),
                        "MaxAgeSeconds", maxAge.toSeconds()), SsmOutput.string("NewestSnapshot", "$.Payload.NewestSnapshot")));
    }
}
