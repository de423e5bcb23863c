package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Mode;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.MaintenanceWindow;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rehearsal backend: simulated clients seeded from the environment, a clock just before its window. */
class RehearsalBackendTest {
    final Settings settings = TestSettings.load();
    final Environment prod = settings.environment("prod");

    @Test
    void startsTheClockTwentyMinutesBeforeTheNextMaintenanceWindow() {
        RehearsalBackend b = new RehearsalBackend(settings, prod, 60, Set.of());
        Instant now = b.time().now();
        Instant window = MaintenanceWindow.parse(prod.maintenanceWindow()).openingAtOrAfter(now);
        Duration lead = Duration.between(now, window);
        assertTrue(lead.compareTo(Duration.ofMinutes(19)) > 0 && lead.compareTo(Duration.ofMinutes(20)) <= 0,
                "window opens " + lead + " after the rehearsal starts");
        assertEquals("sun:04:00-sun:06:00", prod.maintenanceWindow());
        assertEquals(Duration.ofHours(2), MaintenanceWindow.parse(prod.maintenanceWindow()).length());
        assertEquals(window, MaintenanceWindow.parse(prod.maintenanceWindow()).nextApply(now), "queued until it opens");
        Instant inside = window.plus(Duration.ofMinutes(90));
        assertEquals(inside.plusSeconds(60), MaintenanceWindow.parse(prod.maintenanceWindow()).nextApply(inside),
                "inside the window a queued change starts at once");
        assertEquals(window.plus(Duration.ofDays(7)),
                MaintenanceWindow.parse(prod.maintenanceWindow()).nextApply(window.plus(Duration.ofHours(2))));
    }

    @Test
    void describesItselfAndServesTheSimulatedGroup() {
        RehearsalBackend b = new RehearsalBackend(settings, prod, 120, Set.of(Fault.THROTTLING, Fault.SLOW_UPGRADE));
        assertEquals(Mode.REHEARSAL, b.mode());
        assertEquals("rehearsal (simulated, no AWS)", b.identity());
        assertEquals("simulated, speed 120x, drills: slow-upgrade, throttling", b.describe());
        assertEquals(Optional.empty(), b.engines());
        assertEquals(Optional.empty(), b.notice());
        assertEquals("redis", b.elastiCache().describeReplicationGroups(r -> r.replicationGroupId(prod.replicationGroupId()))
                .replicationGroups().get(0).engine());
        assertEquals("goorm-popcorn-cache-prod.xxxxxx.apne2.cache.amazonaws.com:6379",
                b.simulation().primaryEndpoint(prod.replicationGroupId()));
    }

    @Test
    void servesWhatOthersRegister() {
        RehearsalBackend b = new RehearsalBackend(settings, prod, 60, Set.of());
        assertEquals(Optional.empty(), b.service(CharSequence.class));
        b.register(CharSequence.class, "simulated terraform");
        assertEquals(Optional.of("simulated terraform"), b.service(CharSequence.class));
    }
}
