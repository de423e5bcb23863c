package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowClockTest {
    private final WindowClock sunday = new WindowClock("sun:05:00-sun:07:00");

    @Test
    void insideTheWindowItSaysHowMuchIsLeft() {
        assertEquals("window 1h30m left", sunday.describe(Instant.parse("2026-11-29T05:30:00Z")));
        assertEquals("window 2h00m left", sunday.describe(Instant.parse("2026-11-29T05:00:00Z")));
        assertEquals("window 1m left", sunday.describe(Instant.parse("2026-11-29T06:59:00Z")));
    }

    @Test
    void outsideTheWindowItSaysWhenItOpens() {
        assertEquals("window opens in 6d22h", sunday.describe(Instant.parse("2026-11-29T07:00:00Z")));
        assertEquals("window opens in 45m", sunday.describe(Instant.parse("2026-11-29T04:15:00Z")));
        assertEquals("window opens in 2d17h", sunday.describe(Instant.parse("2026-11-26T12:00:00Z")));
    }

    @Test
    void aWindowAcrossMidnightCountsFromItsStart() {
        WindowClock overnight = new WindowClock("sat:23:00-sun:01:00");
        assertEquals("window 1h30m left", overnight.describe(Instant.parse("2026-11-28T23:30:00Z")));
        assertEquals("window 30m left", overnight.describe(Instant.parse("2026-11-29T00:30:00Z")));
    }

    @Test
    void anUnreadableWindowIsShownAsWritten() {
        assertEquals("window sun 05:00?", new WindowClock("sun 05:00").describe(Instant.EPOCH));
    }
}
