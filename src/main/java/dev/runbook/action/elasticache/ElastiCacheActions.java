package dev.runbook.action.elasticache;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Placeholder;

/** Registers the elasticache actions. */
public final class ElastiCacheActions {
    private ElastiCacheActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("elasticache.describe-replication-group", Placeholder.factory("elasticache.describe-replication-group", false, "Describe the replication group and its members"));
        r.register("elasticache.check-snapshots", Placeholder.factory("elasticache.check-snapshots", false, "Check the newest automated and manual snapshots"));
        r.register("elasticache.check-pending-modifications", Placeholder.factory("elasticache.check-pending-modifications", false, "Check nothing is pending on the group"));
        r.register("elasticache.check-target-parameter-group", Placeholder.factory("elasticache.check-target-parameter-group", false, "Check the target parameter group is of family valkey8"));
        r.register("elasticache.create-snapshot", Placeholder.factory("elasticache.create-snapshot", true, "Take a manual snapshot and wait until it is available"));
        r.register("elasticache.add-replicas", Placeholder.factory("elasticache.add-replicas", true, "Add replicas up to the target node count"));
        r.register("elasticache.enable-failover", Placeholder.factory("elasticache.enable-failover", true, "Turn on automatic failover and Multi-AZ"));
        r.register("elasticache.upgrade-engine", Placeholder.factory("elasticache.upgrade-engine", true, "ModifyReplicationGroup to valkey 8.0"));
        r.register("elasticache.await-upgrade", Placeholder.factory("elasticache.await-upgrade", false, "Wait for the upgrade and verify every member"));
        r.register("elasticache.set-transit-encryption", Placeholder.factory("elasticache.set-transit-encryption", true, "Turn on in-transit encryption in preferred mode"));
        r.register("elasticache.read-events", Placeholder.factory("elasticache.read-events", false, "Read the group's events"));
        r.register("elasticache.restore-snapshot", Placeholder.factory("elasticache.restore-snapshot", true, "Restore the pre-migration snapshot into a new group"));
    }
}
