package dev.runbook.action.elasticache;

import dev.runbook.action.ActionRegistry;

/** Registers the elasticache actions: each name is an operator-visible step backed by one SDK-calling class. */
public final class ElastiCacheActions {
    private ElastiCacheActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("elasticache.describe-replication-group", DescribeReplicationGroup::create);
        r.register("elasticache.check-snapshots", CheckSnapshots::create);
        r.register("elasticache.check-pending-modifications", CheckPendingModifications::create);
        r.register("elasticache.check-target-parameter-group", CheckTargetParameterGroup::create);
        r.register("elasticache.create-snapshot", CreateSnapshot::create);
        r.register("elasticache.add-replicas", AddReplicas::create);
        r.register("elasticache.enable-failover", EnableFailover::create);
        r.register("elasticache.upgrade-engine", UpgradeEngine::create);
        r.register("elasticache.await-upgrade", AwaitUpgrade::create);
        r.register("elasticache.set-transit-encryption", SetTransitEncryption::create);
        r.register("elasticache.read-events", ReadEvents::create);
        r.register("elasticache.withdraw-pending-upgrade", WithdrawPendingUpgrade::create);
        r.register("elasticache.restore-snapshot", RestoreSnapshot::create);
        r.register("elasticache.check-transit-encryption", CheckTransitEncryption::create);
        r.register("elasticache.require-transit-encryption", RequireTransitEncryption::create);
        r.register("elasticache.leftovers", Leftovers::create);
        r.register("elasticache.delete-rollback-group", DeleteRollbackGroup::create);
        r.register("elasticache.delete-snapshots", DeletePreMigrationSnapshots::create);
    }
}
