package dev.runbook.action.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.aws.UpgradingElastiCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upgrade wait against a fake group on the manual clock: start, finish, verify, time out, cancel. */
class AwaitUpgradeTest {
    static final String G = "goorm-popcorn-cache-dev";
    final TestContext ctx = new TestContext();
    final Instant t0 = ctx.time.now();

    private UpgradingElastiCache fake(Duration startAfter, Duration doneAfter) {
        var f = new UpgradingElastiCache(G, 2, ctx.time, t0.plus(startAfter), t0.plus(doneAfter));
        ctx.elastiCache = f;
        ctx.facts.put("upgrade-requested-at", t0.toString());
        return f;
    }

    @Test
    void waitsForTheGroupToLeaveAndReturnThenVerifiesEveryMember() throws Exception {
        fake(Duration.ofSeconds(20), Duration.ofMinutes(12));
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status());
        assertEquals(G + " runs valkey 8.0.1 on every member (" + G + "-001=8.0.1," + G + "-002=8.0.1), available"
                + " again after 12m02s", o.summary());
        assertEquals("2026-11-29T04:30:00Z", o.facts().get("upgrade-started"));
        assertEquals("2026-11-29T04:42:02Z", o.facts().get("upgrade-finished"));
        assertEquals("722", o.facts().get("upgrade-seconds"));
        assertEquals("valkey", o.facts().get("engine-after"));
        assertTrue(ctx.log.contains("2026-11-29T04:30:20Z " + G + " (replication-group): Modifying engine version to 8.0"),
                ctx.log::toString);
        assertTrue(ctx.log.contains("2026-11-29T04:42:00Z " + G + "-001 (cache-cluster): Finished upgrading engine on"
                + " node 0001"), ctx.log::toString);
        assertTrue(ctx.statuses.contains(G + ": modifying — 5m04s elapsed"), ctx.statuses::toString);
    }

    @Test
    void aStatusThatStillReadsAvailableRightAfterTheRequestIsNotTakenForDone() throws Exception {
        var f = fake(Duration.ofMinutes(2), Duration.ofMinutes(6));
        f.startAt = t0.plus(Duration.ofMinutes(2));
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals("2026-11-29T04:36:01Z", o.facts().get("upgrade-finished"));
    }

    @Test
    void anUpgradeThatNeverStartsIsReportedAfterTheGrace() {
        var f = fake(Duration.ofHours(5), Duration.ofHours(6));
        f.calls.clear();
        ctx.facts.clear();
        f.describeCacheClusters(software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest.builder()
                .cacheClusterId(G + "-001").build());
        ActionException e = assertThrows(ActionException.class, () -> new AwaitUpgrade(G, "valkey", "8.0")
                .execute(contextWithoutQueuedVersion(f)));
        assertTrue(e.getMessage().startsWith(G + " has shown no sign of the upgrade for 5m0"), e.getMessage());
    }

    /** A group that is available with no queued version: the upgrade was never sent. */
    private TestContext contextWithoutQueuedVersion(UpgradingElastiCache f) {
        f.engineAfter = "redis";
        f.versionAfter = "7.0.7";
        f.doneAt = t0;
        f.startAt = t0.plus(Duration.ofDays(1));
        return ctx;
    }

    @Test
    void givesUpAtTheTimeoutSayingTheUpgradeMayStillFinish() {
        fake(Duration.ofSeconds(5), Duration.ofHours(3));
        ActionException e = assertThrows(ActionException.class, () -> new AwaitUpgrade(G, "valkey", "8.0").execute(ctx));
        assertTrue(e.getMessage().startsWith("Gave up after 1h00m: " + G + " is still modifying"), e.getMessage());
    }

    @Test
    void anUpgradeThatEndsOnTheOldEngineFails() {
        var f = fake(Duration.ofSeconds(10), Duration.ofMinutes(8));
        f.engineAfter = "redis";
        f.versionAfter = "7.0.7";
        ActionException e = assertThrows(ActionException.class, () -> new AwaitUpgrade(G, "valkey", "8.0").execute(ctx));
        assertEquals(G + " is available again but its members run redis " + G + "-001=7.0.7," + G + "-002=7.0.7, not"
                + " valkey 8.0.x: the upgrade failed or was reverted; read the events step, then decide between"
                + " retrying and the rollback.", e.getMessage());
    }

    @Test
    void interruptingTheThreadCancelsTheWait() {
        fake(Duration.ofSeconds(5), Duration.ofMinutes(20));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> new AwaitUpgrade(G, "valkey", "8.0").execute(ctx));
    }

    @Test
    void aDryRunDoesNotWaitForAnUpgradeThatWasNeverSent() throws Exception {
        var f = fake(Duration.ofSeconds(5), Duration.ofMinutes(20));
        ctx.mode = Mode.DRY_RUN;
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(Outcome.Status.WOULD_RUN, o.status());
        assertEquals(List.of(), f.calls);
    }

    @Test
    void anUpgradeQueuedForAWindowThatOpensWithinTheTimeoutIsWaitedFor() throws Exception {
        // the test clock reads 04:30; dev's window sun:05:00-sun:07:00 opens in 30 min; AWS starts at 05:01
        fake(Duration.ofMinutes(31), Duration.ofMinutes(45));
        ctx.facts.put("apply-immediately", "false");
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertTrue(ctx.log.get(0).endsWith("it next opens 2026-11-29T05:00:00Z (in 0h30m): waiting for it to open"),
                ctx.log.get(0));
        assertEquals("waiting for the maintenance window sun:05:00-sun:07:00 to open: 30m00s", ctx.statuses.get(0));
        assertTrue(!ctx.time.now().isBefore(t0.plus(Duration.ofMinutes(45))));
    }

    @Test
    void anUpgradeQueuedForAWindowBeyondTheTimeoutIsNotWaitedFor() throws Exception {
        fake(Duration.ofDays(2), Duration.ofDays(3));
        ctx.facts.put("apply-immediately", "false");
        var s = ctx.settings;
        ctx.settings = new dev.runbook.config.Settings(s.file(), s.region(), s.profile(), s.runsDir(), s.environments(),
                s.prices(), s.thresholds(), new dev.runbook.config.Waits(s.waits().snapshotTimeout(),
                Duration.ofMinutes(20), s.waits().restoreTimeout()), s.rehearsalSpeed(), s.dryRunMaxAge(), s.lease(), s.engines(),
                s.fullCompareMax());
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("The upgrade of " + G + " is queued for the maintenance window, which is outside"
                + " sun:05:00-sun:07:00 (UTC); it next opens 2026-11-29T05:00:00Z (in 0h30m): run this step again"
                + " once the window has opened.", o.summary());
    }

    @Test
    void keepsUnderEightCallsAMinuteOverATwentyMinuteUpgrade() throws Exception {
        var f = fake(Duration.ofSeconds(15), Duration.ofMinutes(20));
        new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        double minutes = Duration.between(t0, ctx.time.now()).toMillis() / 60_000.0;
        assertTrue(f.calls.size() / minutes <= 8.0, f.calls.size() + " calls in " + minutes + " min");
        assertTrue(Duration.between(t0.plus(Duration.ofMinutes(20)), ctx.time.now()).getSeconds() <= 10);
    }

    @Test
    void aGroupAlreadyUpgradedWhenTheWaitBeginsNeedsNoWait() throws Exception {
        var f = fake(Duration.ofMinutes(-20), Duration.ofMinutes(-5));
        ctx.facts.remove("upgrade-requested-at");
        Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
        assertEquals(G + " already runs valkey 8.0.1 on every member (" + G + "-001=8.0.1," + G + "-002=8.0.1); there"
                + " was nothing to wait for", o.summary());
        assertEquals(null, o.facts().get("upgrade-started"));
        assertEquals(List.of("DescribeReplicationGroups", "DescribeCacheClusters", "DescribeCacheClusters"), f.calls);
    }
}
