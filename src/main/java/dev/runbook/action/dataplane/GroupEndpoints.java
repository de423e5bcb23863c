package dev.runbook.action.dataplane;

import java.util.Optional;

/**
 * The data plane of groups other than the run's own, when the backend can reach them: a rehearsal on real engines
 * can read the restored {@code <group>-rollback} so the restore step says whether its data equals the data
 * fingerprinted before the migration.
 */
public interface GroupEndpoints {
    Optional<CacheConnector> forGroup(String replicationGroupId);
}
