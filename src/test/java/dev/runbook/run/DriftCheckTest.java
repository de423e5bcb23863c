package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbook.action.Action;
import dev.runbook.action.elasticache.CreateSnapshot;
import dev.runbook.action.elasticache.UpgradeEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as drift between a dry run and a later run, field by field, and what differs by design. */
class DriftCheckTest {
    static final String G = "goorm-popcorn-cache-dev";
    final Action upgrade = new UpgradeEngine(G, "valkey", "8.0", "default.valkey8", true);

    List<String> lines(List<DriftCheck.Difference> d) {
        return d.stream().map(DriftCheck.Difference::line).toList();
    }

    @Test
    void aRequestDiffersFieldByField() {
        String before = "ModifyReplicationGroupRequest(ReplicationGroupId=" + G
                + ", CacheParameterGroupName=default.valkey8, ApplyImmediately=true, Engine=valkey, EngineVersion=8.0)";
        String after = "ModifyReplicationGroupRequest(ReplicationGroupId=" + G
                + ", CacheParameterGroupName=custom-valkey8, ApplyImmediately=false, Engine=valkey, EngineVersion=8.0)";
        assertEquals(List.of("request ModifyReplicationGroupRequest.CacheParameterGroupName: default.valkey8 → custom-valkey8",
                        "request ModifyReplicationGroupRequest.ApplyImmediately: true → false"),
                lines(DriftCheck.requests(List.of(before), "runs/a", List.of(after), "runs/b", upgrade)));
    }

    @Test
    void aFieldAddedOrANestedListIsOneFieldEach() {
        assertEquals(List.of("request X.B: [1, 2] → [1, 3]", "request X.C: (not set) → Y(k=v, w=z)"),
                lines(DriftCheck.requests(List.of("X(A=1, B=[1, 2])"), "", List.of("X(A=1, B=[1, 3], C=Y(k=v, w=z))"),
                        "", upgrade)));
    }

    @Test
    void theSnapshotsTimeAndTheRunsOwnFolderAreNotDrift() {
        Action snapshot = new CreateSnapshot(G);
        assertEquals(List.of(), DriftCheck.requests(
                List.of("CreateSnapshotRequest(ReplicationGroupId=" + G + ", SnapshotName=" + G + "-pre-valkey-20261128-0930)"),
                "", List.of("CreateSnapshotRequest(ReplicationGroupId=" + G + ", SnapshotName=" + G
                        + "-pre-valkey-20261201-0410)"), "", snapshot));
        assertEquals(List.of(), DriftCheck.requests(List.of("terraform -chdir=dev apply runs/20261128-dev/tfplan"),
                "runs/20261128-dev", List.of("terraform -chdir=dev apply runs/20261201-dev/tfplan"), "runs/20261201-dev",
                upgrade));
    }

    @Test
    void aStepTheDryRunDidNotPreviewIsDrift() {
        assertEquals(List.of("request: the dry run did not preview this step → X(A=1)"),
                lines(DriftCheck.requests(null, "", List.of("X(A=1)"), "", upgrade)));
    }

    @Test
    void stateFactsDifferOnlyWhereBothRunsReadThemAndANewSnapshotIsNotDrift() {
        Map<String, String> recorded = Map.of("node-type", "cache.t4g.micro", "snapshots", "auto-1,auto-2",
                "pending", "none", "status", "available");
        Map<String, String> now = Map.of("node-type", "cache.t4g.small", "snapshots", "auto-2,auto-3",
                "pending", "none");
        assertEquals(List.of("node-type: cache.t4g.micro → cache.t4g.small", "snapshots: gone since the dry run: auto-1"),
                lines(DriftCheck.state(new java.util.TreeMap<>(recorded), now)));
    }
}
