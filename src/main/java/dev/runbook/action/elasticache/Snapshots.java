package dev.runbook.action.elasticache;

import dev.runbook.action.ActionException;
import dev.runbook.action.AwsErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.NodeSnapshot;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/**
 * The group's snapshots as the runbook reads them: capture time from the node snapshots, source automated or
 * manual, and the manual pre-migration ones named {@code <group>-pre-valkey-...}.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /** The prefix of the runbook's manual pre-migration snapshots of {@code group}. */
    public static String preValkeyPrefix(String group) {
        return group.toLowerCase(Locale.ROOT) + "-pre-valkey-";
    }

    /** Every snapshot of the group (all pages), or of one name when {@code name} is not null. */
    public static List<Snapshot> list(ElastiCacheClient client, String group, String name)
            throws ActionException {
        DescribeSnapshotsRequest.Builder req = DescribeSnapshotsRequest.builder();
        if (name != null) {
            req.snapshotName(name);
        } else {
            req.replicationGroupId(group);
        }
        try {
            List<Snapshot> out = new ArrayList<>();
            for (var page : client.describeSnapshotsPaginator(req.build())) {
                out.addAll(page.snapshots());
            }
            return out;
        } catch (SdkException e) {
            if (name != null && e instanceof AwsServiceException ase
                    && ase.awsErrorDetails() != null && "SnapshotNotFoundFault".equals(ase.awsErrorDetails().errorCode())) {
                return List.of();
            }
            throw AwsErrors.translate("list the snapshots of " + group, group, e);
        }
    }

    /**
     * When the data was captured: the newest node snapshot's time. Empty when AWS sent none (the cluster's
     * create time is not the snapshot's, so it is not used): the operator then reads "unknown", never a date.
     */
    public static Optional<Instant> capturedAt(Snapshot s) {
        return s.nodeSnapshots().stream().map(NodeSnapshot::snapshotCreateTime).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /** For ordering only: the capture time, with an unknown one as the oldest. Never shown. */
    public static Instant takenAt(Snapshot s) {
        return capturedAt(s).orElse(Instant.MIN);
    }

    /** "1h43m old", or "of unknown age" when AWS sent no capture time. */
    public static String age(Snapshot s, Instant now) {
        return capturedAt(s).map(t -> Waiting.format(Duration.between(t, now)) + " old")
                .orElse("of unknown age (AWS sent no node snapshot time)");
    }

    /** The capture time, or "at an unknown time" when AWS sent none. */
    public static String taken(Snapshot s) {
        return capturedAt(s).map(Instant::toString).orElse("at an unknown time (AWS sent no node snapshot time)");
    }

    /** The newest available snapshot of {@code source} (automated | manual). */
    public static Optional<Snapshot> newest(List<Snapshot> all, String source) {
        return all.stream().filter(s -> source.equals(s.snapshotSource()))
                .filter(s -> "available".equals(s.snapshotStatus()))
                .max(Comparator.comparing(Snapshots::takenAt));
    }

    /** The newest available manual pre-migration snapshot of the group. */
    public static Optional<Snapshot> newestPreValkey(List<Snapshot> all, String group) {
        return newest(all.stream().filter(s -> s.snapshotName().startsWith(preValkeyPrefix(group))).toList(), "manual");
    }
}
