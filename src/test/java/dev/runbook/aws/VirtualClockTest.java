package dev.runbook.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Virtual time runs speed × real time; a sleep costs d/speed of real time. */
class VirtualClockTest {
    static final Instant START = Instant.parse("2026-11-29T04:40:00Z");

    @Test
    void virtualTimeRunsSpeedTimesFasterThanRealTime() {
        AtomicLong nanos = new AtomicLong(1_000);
        VirtualClock clock = new VirtualClock(START, 60, nanos::get);
        nanos.addAndGet(2_000_000_000L);
        assertEquals(START.plusSeconds(120), clock.now());
    }

    @Test
    void sleepAdvancesVirtualTimeByAtLeastTheDurationAndLittleRealTime() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START, 100_000);
        long real = System.nanoTime();
        clock.sleep(Duration.ofMinutes(10));
        long realMillis = (System.nanoTime() - real) / 1_000_000;
        assertTrue(!clock.now().isBefore(START.plus(Duration.ofMinutes(10))), clock.now().toString());
        assertTrue(realMillis < 2_000, "10 min at 100000x is 6 ms of real time, took " + realMillis + " ms");
    }

    @Test
    void sleepStopsOnInterrupt() {
        VirtualClock clock = new VirtualClock(START, 1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> clock.sleep(Duration.ofHours(1)));
    }

    @Test
    void refusesASpeedBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new VirtualClock(START, 0));
        assertEquals("speed must be at least 1, was 0", e.getMessage());
    }
}
