package dev.runbook.action.elasticache;

import dev.runbook.action.OrderedMaps;
import dev.runbook.action.Reconciliation;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/** How the group-changing actions reconcile after a crash: by what the group shows now. Read-only. */
public final class GroupEvidence {
    private GroupEvidence() {
    }

    /** The group, or empty when AWS says it does not exist. */
    public static Optional<ReplicationGroup> describe(ElastiCacheClient ec, String group) {
        try {
            return ec.describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups().stream()
                    .findFirst();
        } catch (ReplicationGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Done when the change shows; done too while the group is modifying (it was sent: the wait goes on). */
    public static Reconciliation byGroup(ElastiCacheClient ec, String group, Predicate<ReplicationGroup> applied,
                                         String appliedText, String what) {
        Optional<ReplicationGroup> g = describe(ec, group);
        String status = g.map(ReplicationGroup::status).orElse("not found");
        Map<String, String> facts = OrderedMaps.of("group-status", status);
        if (g.map(applied::test).orElse(false)) {
            return Reconciliation.done(appliedText + " (group " + status + "): " + what + " took effect, not sent again",
                    facts);
        }
        if ("modifying".equals(status)) {
            return Reconciliation.done("the group is modifying: " + what + " was sent, not sent again; the next wait "
                    + "goes on waiting", facts);
        }
        return Reconciliation.pending("no sign of " + what + " on " + group + " (group " + status + "): it was not "
                + "sent, and may run", facts);
    }
}
