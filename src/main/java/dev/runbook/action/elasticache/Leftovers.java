package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.AwsErrors;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.config.Prices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/**
 * {@code elasticache.leftovers}: what the migration left behind and what it costs, and — read again after the
 * deleting steps — that exactly those went and nothing else. {@code phase = before} lists every replication group
 * and snapshot the account shows in the region (DescribeReplicationGroups, DescribeSnapshots, all pages) and names
 * the leftovers: the {@code <group>-rollback} group a rollback created and the manual {@code <group>-pre-valkey-*}
 * snapshots, with their monthly cost from {@code prices} (nodes × node-hourly × hours-per-month; snapshots: their
 * CacheSize × backup-storage-gb-month, unknown when either is missing). {@code phase = after} lists again and fails
 * when anything that was there before and is not a leftover has gone. Read-only.
 */
public record Leftovers(String group, String rollbackGroup, String phase) implements Action {
    public static Action create(Params p) {
        String group = p.string("replication-group");
        return new Leftovers(group, group + "-rollback", p.oneOf("phase", List.of("before", "after")));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of(("before".equals(phase) ? "List every replication group and snapshot; name the leftovers ("
                + rollbackGroup + ", " + Snapshots.preValkeyPrefix(group) + "*) and their monthly cost"
                : "List every replication group and snapshot again: only the leftovers may be gone"),
                DescribeReplicationGroupsRequest.builder().build().toString(),
                DescribeSnapshotsRequest.builder().build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of("before".equals(phase) ? dev.runbook.action.ReportKind.LEFTOVERS
                : dev.runbook.action.ReportKind.LEFTOVERS_AFTER);
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        ElastiCacheClient ec = AwsClients.elastiCache(ctx);
        List<ReplicationGroup> groups = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        try {
            ec.describeReplicationGroupsPaginator(DescribeReplicationGroupsRequest.builder().build())
                    .forEach(p -> groups.addAll(p.replicationGroups()));
            ec.describeSnapshotsPaginator(DescribeSnapshotsRequest.builder().build())
                    .forEach(p -> snapshots.addAll(p.snapshots()));
        } catch (SdkException e) {
            throw AwsErrors.translate("list the replication groups and snapshots", group, e);
        }
        Set<String> groupIds = new LinkedHashSet<>(groups.stream().map(ReplicationGroup::replicationGroupId).toList());
        Set<String> snapshotNames = new LinkedHashSet<>(snapshots.stream().map(Snapshot::snapshotName).toList());
        String inventory = groupIds.size() + " group(s) (" + String.join(", ", groupIds) + "), " + snapshotNames.size()
                + " snapshot(s) (" + String.join(", ", snapshotNames) + ")";
        Outcome.Builder b = "before".equals(phase) ? before(ctx.settings().prices(), groups, snapshots, inventory)
                : after(ctx, groupIds, snapshotNames, inventory);
        return b.fact("inventory-groups", String.join(",", groupIds))
                .fact("inventory-snapshots", String.join(",", snapshotNames)).build();
    }

    private Outcome.Builder before(Prices prices, List<ReplicationGroup> groups, List<Snapshot> snapshots,
                                   String inventory) {
        Optional<ReplicationGroup> rollback = groups.stream()
                .filter(g -> g.replicationGroupId().equals(rollbackGroup)).findFirst();
        List<Snapshot> preValkey = snapshots.stream().filter(s -> "manual".equals(s.snapshotSource()))
                .filter(s -> s.snapshotName().startsWith(Snapshots.preValkeyPrefix(group))).toList();
        List<String> parts = new ArrayList<>();
        Optional<Double> groupCost = rollback.map(g -> prices.monthly(g.cacheNodeType(), g.engine(),
                g.memberClusters().size())).orElse(Optional.of(0.0));
        rollback.ifPresent(g -> parts.add("group " + g.replicationGroupId() + " (" + g.engine() + ", "
                + g.memberClusters().size() + " × " + g.cacheNodeType() + ", " + money(prices, groupCost) + "/month)"));
        double gb = preValkey.stream().mapToDouble(Leftovers::gigabytes).sum();
        boolean sizeKnown = preValkey.stream().allMatch(s -> !Double.isNaN(gigabytes(s)));
        Optional<Double> snapCost = preValkey.isEmpty() ? Optional.of(0.0)
                : sizeKnown ? prices.backupMonthly(gb) : Optional.empty();
        if (!preValkey.isEmpty()) {
            parts.add(preValkey.size() + " snapshot(s) " + String.join(", ", preValkey.stream()
                    .map(Snapshot::snapshotName).toList()) + " (" + (sizeKnown ? String.format(Locale.ROOT, "%.3f GB",
                    gb) : "size unknown") + ", " + money(prices, snapCost) + "/month)");
        }
        Optional<Double> total = groupCost.isPresent() && snapCost.isPresent()
                ? Optional.of(groupCost.get() + snapCost.get()) : Optional.empty();
        String line = parts.isEmpty() ? "No leftovers of " + group + ": no " + rollbackGroup + ", no "
                + Snapshots.preValkeyPrefix(group) + "* snapshot. Exists now: " + inventory
                : "Leftovers of " + group + ": " + String.join(" and ", parts) + " — " + money(prices, total)
                + "/month in all (" + prices.source() + "). Exists now: " + inventory;
        return Outcome.succeeded(line)
                .fact("exists-before", inventory)
                .fact("leftover-group", rollback.map(ReplicationGroup::replicationGroupId).orElse("none"))
                .fact("leftover-snapshots", preValkey.isEmpty() ? "none"
                        : String.join(",", preValkey.stream().map(Snapshot::snapshotName).toList()))
                .fact("leftover-monthly-cost", money(prices, total))
                .fact("rollback-group-monthly-cost", money(prices, groupCost))
                .fact("snapshots-monthly-cost", money(prices, snapCost));
    }

    private Outcome.Builder after(ActionContext ctx, Set<String> groupIds, Set<String> snapshotNames, String inventory) {
        Set<String> leftovers = new LinkedHashSet<>();
        ctx.fact("leftover-group").filter(g -> !"none".equals(g)).ifPresent(leftovers::add);
        ctx.fact("leftover-snapshots").filter(s -> !"none".equals(s)).ifPresent(s -> leftovers.addAll(
                Arrays.asList(s.split(","))));
        List<String> goneOther = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        sort(split(ctx.fact("inventory-groups")), groupIds, leftovers, deleted, kept, goneOther);
        sort(split(ctx.fact("inventory-snapshots")), snapshotNames, leftovers, deleted, kept, goneOther);
        String deletedText = deleted.isEmpty() ? "nothing" : String.join(", ", deleted);
        if (!goneOther.isEmpty()) {
            return Outcome.failed("Something else is gone since the inventory: " + String.join(", ", goneOther)
                    + " (not a leftover of this clean-up: check who deleted it). Deleted by this run: " + deletedText
                    + ". Exists now: " + inventory).fact("deleted", deletedText)
                    .fact("gone-otherwise", String.join(", ", goneOther)).fact("exists-after", inventory);
        }
        Outcome.Builder b = Outcome.succeeded("Deleted: " + deletedText + "; nothing else was deleted. Exists now: "
                + inventory).fact("deleted", deletedText).fact("gone-otherwise", "none").fact("exists-after", inventory);
        if (!kept.isEmpty()) {
            b.warning("Still there: " + String.join(", ", kept) + " (a deleting step was skipped or is not finished)");
        }
        return b;
    }

    /** Each name the inventory saw: a leftover deleted or still kept, or something else that has gone. */
    private static void sort(List<String> before, Set<String> now, Set<String> leftovers, List<String> deleted,
                             List<String> kept, List<String> goneOther) {
        for (String was : before) {
            if (!now.contains(was)) {
                (leftovers.contains(was) ? deleted : goneOther).add(was);
            } else if (leftovers.contains(was)) {
                kept.add(was);
            }
        }
    }

    private static List<String> split(Optional<String> csv) {
        return csv.filter(s -> !s.isBlank()).map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }

    /** GB of a snapshot from its node snapshots' CacheSize ("6 MB", "1.5 GB"); NaN when AWS sent none. */
    static double gigabytes(Snapshot s) {
        double sum = 0;
        if (s.nodeSnapshots().isEmpty()) {
            return Double.NaN;
        }
        for (var n : s.nodeSnapshots()) {
            String size = n.cacheSize();
            if (size == null || !size.trim().matches("[0-9.]+ *[KMGT]?B")) {
                return Double.NaN;
            }
            String t = size.trim();
            double v = Double.parseDouble(t.replaceAll("[^0-9.]", ""));
            char unit = t.replaceAll("[0-9. ]", "").charAt(0);
            sum += switch (unit) {
                case 'K' -> v / 1024 / 1024;
                case 'M' -> v / 1024;
                case 'G' -> v;
                case 'T' -> v * 1024;
                default -> v / 1024 / 1024 / 1024;
            };
        }
        return sum;
    }

    private static String money(Prices prices, Optional<Double> amount) {
        return amount.map(a -> String.format(Locale.ROOT, a > 0 && a < 1 ? "%s %.4f" : "%s %.2f", prices.currency(), a))
                .orElse("unknown (not in prices)");
    }
}
