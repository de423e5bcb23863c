package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.AwsErrors;
import dev.runbook.action.OrderedMaps;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Precondition;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.ReportKind;
import dev.runbook.action.Reseed;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.elasticache.model.NodeSnapshot;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/**
 * Takes the manual pre-migration snapshot {@code <group>-pre-valkey-<UTC yyyyMMdd-HHmm>} and waits until it is
 * available: the only way back from Valkey 8.0. A pre-valkey snapshot of the last hour that is available is
 * reused, and one still being created is waited for (a resumed run must not take a second one).
 */
public record CreateSnapshot(String group) implements Action {
    static final Duration REUSE_WITHIN = Duration.ofHours(1);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private static final Duration RECONCILE_POLL = Duration.ofSeconds(15);


    public static Action create(Params p) {
        return new CreateSnapshot(p.string("replication-group"));
    }

    /** The snapshot name for a snapshot taken at {@code t}; AWS stores names lowercase. */
    public static String nameAt(String group, Instant t) {
        return (Snapshots.preValkeyPrefix(group) + STAMP.format(t)).toLowerCase(Locale.ROOT);
    }

    private CreateSnapshotRequest request(String name) {
        return CreateSnapshotRequest.builder().replicationGroupId(group).snapshotName(name).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        String name = nameAt(group, ctx.now());
        return Preview.of("Take manual snapshot " + name + " of " + group + " and wait until it is available"
                + " (an available " + Snapshots.preValkeyPrefix(group) + "* of the last hour is reused)",
                request(name).toString());
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** The snapshot's name carries the time it is taken: every run names it anew, by design. */
    @Override
    public String stableRequest(String request) {
        return request.replaceAll("(" + Pattern.quote(Snapshots.preValkeyPrefix(group).toLowerCase(Locale.ROOT))
                + ")\\d{8}-\\d{4}", "$1<time of the run>");
    }

    @Override
    public Set<String> records() {
        return Set.of(Precondition.MANUAL_SNAPSHOT.fact());
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        Instant now = ctx.time().now();
        Optional<Snapshot> recent = reusable(Snapshots.list(AwsClients.elastiCache(ctx), group, null), group, now);
        String name;
        String how;
        if (recent.isPresent()) {
            name = recent.get().snapshotName();
            how = "creating".equals(recent.get().snapshotStatus()) ? "waited for" : "reused";
        } else {
            name = nameAt(group, now);
            how = "took";
            try {
                AwsClients.elastiCache(ctx).createSnapshot(request(name));
            } catch (SdkException e) {
                throw AwsErrors.translate("take snapshot " + name, group, e);
            }
            ctx.progress().log("CreateSnapshot " + name + " sent");
        }
        Snapshot done = Waiting.until(ctx, "snapshot " + name, ctx.settings().waits().snapshotTimeout(),
                Duration.ofSeconds(15), () -> {
                    List<Snapshot> found = Snapshots.list(AwsClients.elastiCache(ctx), group, name);
                    String status = found.isEmpty() ? "missing" : found.get(0).snapshotStatus();
                    if ("available".equals(status)) {
                        return Waiting.Look.done(status, found.get(0));
                    }
                    if (!"creating".equals(status)) {
                        throw new ActionException("Snapshot " + name + " is " + status + " instead of available:"
                                + " check the group's events, then run this step again to take a new one.");
                    }
                    return Waiting.Look.pending(status);
                });
        Outcome.Builder out = Outcome.succeeded(capitalize(how) + " manual snapshot " + name + ", available, taken "
                        + Snapshots.taken(done))
                .fact(Precondition.MANUAL_SNAPSHOT.fact(), name);
        // a rehearsal on real engines keeps the primary's RDB as the snapshot: the report names the file
        ctx.service(SnapshotFiles.class).flatMap(f -> f.file(name)).ifPresent(f -> out.fact("snapshot-file", f.path())
                .fact("snapshot-bytes", f.bytes()).fact("snapshot-sha256", f.sha256()));
        return out.build();
    }

    /** An available pre-valkey snapshot taken within the hour, or one still being created (newest first). */
    static Optional<Snapshot> reusable(List<Snapshot> all, String group, Instant now) {
        return all.stream()
                .filter(s -> s.snapshotName().startsWith(Snapshots.preValkeyPrefix(group)))
                .filter(s -> "manual".equals(s.snapshotSource()))
                .filter(s -> "creating".equals(s.snapshotStatus()) || ("available".equals(s.snapshotStatus())
                        && Snapshots.capturedAt(s).filter(t -> Duration.between(t, now).compareTo(REUSE_WITHIN) <= 0)
                        .isPresent()))
                .max(Comparator.comparing(Snapshots::takenAt));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** SSM: name (a script: UTC stamp, lowercase), approval, CreateSnapshot, then wait until it is available. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        String name = ctx.output("Name", "SnapshotName");
        return SsmForm.of(
                ctx.script("Name", "the snapshot's name, <group>-pre-valkey-<UTC yyyyMMdd-HHmm>", "snapshots.py",
                        "pre_migration_name", SsmStep.inputs("ReplicationGroupId", ctx.group()),
                        SsmOutput.string("SnapshotName", "$.Payload.SnapshotName")),
                ctx.approval("take manual snapshot " + name),
                ctx.awsApi("Create", "CreateSnapshot", "elasticache", "CreateSnapshot",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "SnapshotName", name)).changing(),
                ctx.waitFor("Available", "the snapshot is available", ctx.waits().snapshotTimeout(), "elasticache",
                        "DescribeSnapshots", SsmStep.inputs("SnapshotName", name), "$.Snapshots[0].SnapshotStatus",
                        "available"))
                .withFact("snapshot-name", name)
                .withTerminalOnly("reusing an available pre-valkey snapshot of the last hour (a"
                        + " resumed terminal run never takes a second one); each execution takes its own");
    }

    /**
     * The snapshot is reused when it exists: the journal's name, else the newest {@code <group>-pre-valkey-*}
     * manual snapshot taken since the step started. Decision: a snapshot still {@code creating} is waited for
     * here (bounded by the snapshot timeout), because the step's promise is "available" and the engine change
     * must not start before it is.
     */
    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step)
            throws InterruptedException {
        ElastiCacheClient ec = ctx.elastiCache();
        Instant since = step.started().map(t -> t.minusSeconds(60)).orElse(Instant.EPOCH);
        Optional<Snapshot> found = manualSnapshots(ec, step.facts().get("snapshot-name"), since);
        if (found.isEmpty()) {
            return Optional.of(Reconciliation.pending("no manual snapshot " + Snapshots.preValkeyPrefix(group)
                    + "* since the step started: it was not taken, and may run", Map.of()));
        }
        String name = found.get().snapshotName();
        Instant deadline = ctx.time().now().plus(ctx.settings().waits().snapshotTimeout());
        String status = found.get().snapshotStatus();
        while ("creating".equals(status) && ctx.time().now().isBefore(deadline)) {
            ctx.time().sleep(RECONCILE_POLL);
            status = manualSnapshots(ec, name, Instant.EPOCH).map(Snapshot::snapshotStatus).orElse("gone");
        }
        if (!"available".equals(status)) {
            return Optional.of(Reconciliation.unknown("snapshot " + name + " exists but is " + status
                    + ": check it before the engine change", Map.of("snapshot-name", name)));
        }
        return Optional.of(Reconciliation.done("snapshot " + name + " exists and is available: reused, not taken again",
                OrderedMaps.of("snapshot-name", name, "snapshot-status", status)));
    }

    private Optional<Snapshot> manualSnapshots(ElastiCacheClient ec, String name, Instant since) {
        return ec.describeSnapshots(r -> r.replicationGroupId(group).snapshotSource("manual")).snapshots().stream()
                .filter(s -> name != null ? s.snapshotName().equals(name)
                        : s.snapshotName().startsWith(Snapshots.preValkeyPrefix(group)) && !created(s).isBefore(since))
                .max(Comparator.comparing(CreateSnapshot::created));
    }

    private static Instant created(Snapshot s) {
        return s.nodeSnapshots().stream().map(NodeSnapshot::snapshotCreateTime).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(Instant.MAX); // still creating: as new as it gets
    }

    /** The journal's snapshot name, or for a snapshot caught mid-flight the name this step gives it at its start. */
    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        String named = step.facts().get("snapshot-name");
        if (named != null) {
            seed.snapshot(named);
        } else {
            step.started().ifPresent(t -> seed.snapshot(nameAt(group, t)));
        }
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(ReportKind.MANUAL_SNAPSHOT);
    }
}
