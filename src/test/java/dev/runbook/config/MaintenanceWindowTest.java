package dev.runbook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Window maths with plain values; 2026-11-29 is a Sunday. */
class MaintenanceWindowTest {
    final MaintenanceWindow prod = MaintenanceWindow.parse("sun:04:00-sun:06:00");

    @Test
    void insideTheWindowSaysHowLongIsLeft() {
        Instant t = Instant.parse("2026-11-29T04:30:00Z");
        assertTrue(prod.contains(t));
        assertEquals(Duration.ofMinutes(90), prod.timeLeft(t));
        assertEquals("inside sun:04:00-sun:06:00 (UTC), 1h30m left", prod.describe(t));
    }

    @Test
    void theEndIsExclusiveAndTheNextOpeningIsNextWeek() {
        Instant t = Instant.parse("2026-11-29T06:00:00Z");
        assertFalse(prod.contains(t));
        assertEquals(Instant.parse("2026-12-06T04:00:00Z"), prod.nextOpening(t));
        assertEquals("outside sun:04:00-sun:06:00 (UTC); it next opens 2026-12-06T04:00:00Z (in 6d22h00m)",
                prod.describe(t));
    }

    @Test
    void beforeTheWindowOnTheSameDayItOpensLaterThatDay() {
        assertEquals(Instant.parse("2026-11-29T04:00:00Z"), prod.nextOpening(Instant.parse("2026-11-29T03:59:30Z")));
    }

    @Test
    void aWindowMayWrapOverTheWeekEnd() {
        MaintenanceWindow w = MaintenanceWindow.parse("sat:23:00-sun:01:00");
        assertTrue(w.contains(Instant.parse("2026-11-28T23:30:00Z")));
        assertTrue(w.contains(Instant.parse("2026-11-29T00:30:00Z")));
        assertFalse(w.contains(Instant.parse("2026-11-29T01:00:00Z")));
        assertEquals(Duration.ofMinutes(30), w.timeLeft(Instant.parse("2026-11-29T00:30:00Z")));
        assertEquals(Duration.ofHours(2), w.length());
    }

    @Test
    void aMalformedWindowSaysWhatWasExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("sunday 4-6"));
        assertEquals("maintenance window 'sunday 4-6' is not ddd:hh:mm-ddd:hh:mm (UTC), e.g. sun:04:00-sun:06:00",
                e.getMessage());
    }

    @Test
    void openingsAroundAWindowThatWrapsTheWeek() {
        MaintenanceWindow w = MaintenanceWindow.parse("sat:23:00-sun:01:00");
        Instant sunMidnight = Instant.parse("2026-11-29T00:00:00Z"); // a Sunday
        assertEquals(Instant.parse("2026-11-28T23:00:00Z"), w.currentOrNextStart(sunMidnight));
        assertEquals(Instant.parse("2026-12-05T23:00:00Z"), w.openingAtOrAfter(sunMidnight));
        assertEquals(sunMidnight.plusSeconds(60), w.nextApply(sunMidnight));
        Instant monday = Instant.parse("2026-11-30T12:00:00Z");
        assertEquals(Instant.parse("2026-12-05T23:00:00Z"), w.currentOrNextStart(monday));
        assertEquals(Instant.parse("2026-12-05T23:00:00Z"), w.nextApply(monday));
    }
}
