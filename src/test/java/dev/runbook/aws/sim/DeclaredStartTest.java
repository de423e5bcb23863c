package dev.runbook.aws.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.model.InvalidParameterValueException;
import software.amazon.awssdk.services.elasticache.model.InvalidReplicationGroupStateException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/** A runbook's rehearsal-start seeds the simulation; the simulated deletions behave as AWS documents them. */
class DeclaredStartTest {
    final TestContext.ManualTime time = new TestContext().time;
    final Environment prod = TestSettings.load().environment("prod");
    final CacheSimulation sim = CacheSimulation.of(prod, time, Set.of(), Duration.ofMinutes(60));
    final SimulatedElastiCache ec = new SimulatedElastiCache(sim);

    private void startFrom(String runbook) {
        sim.startFrom(prod, new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", runbook), prod)
                .rehearsalStart().orElseThrow());
    }

    @Test
    void theCleanupStartHasTheMigratedGroupARollbackGroupAndTwoAgedSnapshots() {
        startFrom("cleanup.conf");
        var g = ec.describeReplicationGroups(r -> r.replicationGroupId("goorm-popcorn-cache-prod")).replicationGroups()
                .get(0);
        assertEquals("valkey", g.engine());
        assertEquals(2, g.memberClusters().size());
        var rollback = ec.describeReplicationGroups(r -> r.replicationGroupId("goorm-popcorn-cache-prod-rollback"))
                .replicationGroups().get(0);
        assertEquals("redis", rollback.engine());
        var manual = ec.describeSnapshots(r -> r.replicationGroupId("goorm-popcorn-cache-prod")).snapshots().stream()
                .filter(s -> "manual".equals(s.snapshotSource())).toList();
        assertEquals(2, manual.size());
        assertTrue(manual.stream().allMatch(s -> s.snapshotName().startsWith("goorm-popcorn-cache-prod-pre-valkey-")));
        assertEquals(Duration.ofDays(30), Duration.between(manual.get(0).nodeSnapshots().get(0).snapshotCreateTime(),
                time.now()));
        assertEquals("valkey 8.0, 2 node(s), TLS off, a rollback group, 2 pre-migration snapshot(s) [30d, 20d] old",
                sim.declaredStart().orElseThrow());
    }

    @Test
    void theTlsStartIsPreferredMode() {
        startFrom("tls-required.conf");
        var g = ec.describeReplicationGroups(r -> r.replicationGroupId("goorm-popcorn-cache-prod")).replicationGroups()
                .get(0);
        assertEquals(Boolean.TRUE, g.transitEncryptionEnabled());
        assertEquals("preferred", g.transitEncryptionModeAsString());
    }

    @Test
    void aDeletedGroupReadsDeletingThenIsGoneAndASecondDeleteIsRefused() {
        startFrom("cleanup.conf");
        String r = "goorm-popcorn-cache-prod-rollback";
        ec.deleteReplicationGroup(b -> b.replicationGroupId(r));
        assertEquals("deleting", ec.describeReplicationGroups(b -> b.replicationGroupId(r)).replicationGroups().get(0)
                .status());
        assertThrows(InvalidReplicationGroupStateException.class, () -> ec.deleteReplicationGroup(b -> b
                .replicationGroupId(r)));
        time.advance(Duration.ofMinutes(6));
        assertThrows(ReplicationGroupNotFoundException.class, () -> ec.describeReplicationGroups(b -> b
                .replicationGroupId(r)));
    }

    @Test
    void automatedSnapshotsCannotBeDeleted() {
        String automated = ec.describeSnapshots(b -> b.replicationGroupId("goorm-popcorn-cache-prod")).snapshots()
                .stream().filter(s -> "automated".equals(s.snapshotSource())).findFirst().orElseThrow().snapshotName();
        assertThrows(InvalidParameterValueException.class, () -> ec.deleteSnapshot(b -> b.snapshotName(automated)));
    }
}
