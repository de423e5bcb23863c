package dev.runbook.action.guard;

import dev.runbook.config.MaintenanceWindow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guards' decisions with plain values and the project's dev/prod settings. */
class GuardDecisionsTest {
    final TestContext ctx = new TestContext();

    @Test
    void atRestEncryptionThatDiffersBlocks() {
        var v = InPlaceSettings.assess(new InPlaceSettings.Current(false, false, 1, false, false), ctx.environment);
        assertEquals("At-rest encryption is off but the target wants it on: it cannot change in place (Terraform would"
                + " replace the group and lose its data). Set at-rest-encryption = false in application.conf, or"
                + " migrate to a new group.", v.blocker());
    }

    @Test
    void prodWarnsAboutTlsInTwoStepsAndTheSafeOrder() {
        ctx.env("prod");
        var v = InPlaceSettings.assess(new InPlaceSettings.Current(true, false, 1, false, false), ctx.environment);
        assertNull(v.blocker());
        assertEquals(List.of("In-transit encryption goes from off to on: do it in two steps, preferred first, then"
                        + " required once every client uses TLS; turning it on as required at once breaks clients without"
                        + " TLS.",
                "The target also changes the topology (1 → 2 node(s), failover off → on, Multi-AZ off → on): add the"
                        + " replica and turn on failover/Multi-AZ first, change the engine next, turn TLS on (preferred →"
                        + " required) last, so the engine change runs with a replica to fail over to."), v.warnings());
    }

    @Test
    void devChangesOnlyTheEngine() {
        var v = InPlaceSettings.assess(new InPlaceSettings.Current(true, false, 1, false, false), ctx.environment);
        assertNull(v.blocker());
        assertEquals(List.of(), v.warnings());
    }

    @Test
    void theWindowGuardSaysPlainlyThatADeferredChangeWaits() {
        ctx.time.advance(java.time.Duration.ofHours(3));
        Outcome o = new MaintenanceWindowGuard(MaintenanceWindow.parse("sun:04:00-sun:06:00"), false).execute(ctx);
        assertEquals("Now (2026-11-29T07:30:00Z) is outside sun:04:00-sun:06:00 (UTC); it next opens"
                + " 2026-12-06T04:00:00Z (in 6d20h30m); apply-immediately is false, so nothing happens until the window"
                + " opens at 2026-12-06T04:00:00Z.", o.summary());
        assertEquals("false", o.facts().get("inside-window"));
        assertEquals("2026-12-06T04:00:00Z", o.facts().get("next-opening"));
        assertEquals("0h00m", o.facts().get("time-left"));
    }

    @Test
    void insideTheWindowTheGuardRecordsTimeLeft() {
        Outcome o = new MaintenanceWindowGuard(MaintenanceWindow.parse("sun:04:00-sun:06:00"), true).execute(ctx);
        assertEquals("true", o.facts().get("inside-window"));
        assertEquals("1h30m", o.facts().get("time-left"));
        assertEquals(List.of(), o.warnings());
    }
}
