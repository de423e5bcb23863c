package dev.runbook.action.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version checks, parameter-group and snapshot-name decisions with plain values. */
class DecisionsTest {
    @Test
    void versionsMatchOnWholeComponents() {
        assertTrue(Versions.matches("7.0.7", "7.0"));
        assertTrue(Versions.matches("7.0", "7.0"));
        assertTrue(Versions.matches("8.0.1", "8.0"));
        assertFalse(Versions.matches("7.1.0", "7.0"));
        assertFalse(Versions.matches("70.0", "7.0"));
        assertFalse(Versions.matches("7.0.7", ""));
    }

    @Test
    void anUnavailableGroupIsAProblemBeforeItsVersion() {
        assertEquals("the group is modifying, not available: wait until it is available, then retry",
                DescribeReplicationGroup.problem("modifying", "redis", List.of("6.2.6"), "redis", "7.0"));
        assertEquals("the engine is valkey, expected redis",
                DescribeReplicationGroup.problem("available", "valkey", List.of("8.0.1"), "redis", "7.0"));
        assertNull(DescribeReplicationGroup.problem("available", "redis", List.of("7.0.7", "7.0.7"), "redis", "7.0"));
    }

    @Test
    void aCustomSourceParameterGroupNeedsACustomTarget() {
        var d = CheckTargetParameterGroup.decide("valkey8", "valkey8", "popcorn-redis7", "default.valkey8", "valkey 8.0");
        assertFalse(d.ok());
        assertEquals("The group uses the custom parameter group popcorn-redis7, but the target is the default"
                + " default.valkey8: create a custom valkey8 group with the same static values and set"
                + " target.parameter-group to it.", d.summary());
    }

    @Test
    void aCustomTargetForACustomSourceGoesWithAWarning() {
        var d = CheckTargetParameterGroup.decide("valkey8", "valkey8", "popcorn-redis7", "popcorn-valkey8", "valkey 8.0");
        assertTrue(d.ok());
        assertEquals("Custom parameter groups: check that popcorn-valkey8 carries the static values of popcorn-redis7"
                + " before the upgrade.", d.warning().orElseThrow());
    }

    @Test
    void aTargetOfTheWrongFamilyOrMissingFails() {
        assertEquals("Parameter group default.redis7 is of family redis7, expected valkey8: AWS would refuse the"
                        + " upgrade (InvalidParameterCombination).",
                CheckTargetParameterGroup.decide("valkey8", "redis7", "default.redis7", "default.redis7", "valkey 8.0")
                        .summary());
        assertEquals("Parameter group popcorn-valkey8 does not exist: create it (family valkey8) or use"
                        + " default.valkey8.",
                CheckTargetParameterGroup.decide("valkey8", null, "default.redis7", "popcorn-valkey8", "valkey 8.0")
                        .summary());
        assertEquals("valkey 7.2 has parameter family valkey7, expected valkey8: check the target version in"
                        + " application.conf.",
                CheckTargetParameterGroup.decide("valkey7", "valkey7", "default.redis7", "default.valkey7", "valkey 7.2")
                        .summary());
    }

    @Test
    void snapshotNamesAreLowercaseAndStampedToTheMinuteInUtc() {
        assertEquals("goorm-popcorn-cache-prod-pre-valkey-20261129-0430",
                CreateSnapshot.nameAt("Goorm-Popcorn-Cache-Prod", Instant.parse("2026-11-29T04:30:59Z")));
    }
}
