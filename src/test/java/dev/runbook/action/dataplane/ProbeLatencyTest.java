package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe's latency split at the change: nearest-rank p50 / p99 of the answered probes, failures counted apart. */
class ProbeLatencyTest {
    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    @Test
    void splitsAtTheChangeAndCountsFailuresApart() {
        int n = 200;
        long[] at = new long[n];
        long[] micros = new long[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            at[i] = T0.plusSeconds(i).toEpochMilli();
            // before (0-99): 1 ms, one of them 9 ms; after (100-199): 2 ms, two of them 80 ms, one failure
            micros[i] = i < 100 ? (i == 50 ? 9_000 : 1_000) : (i == 150 || i == 151 ? 80_000 : 2_000);
            ok[i] = i != 120;
        }
        Instant change = T0.plusSeconds(100);
        assertEquals(Optional.of(new ProbeLatency(100, 0, 1.0, 1.0)), ProbeLatency.of(at, micros, ok, n, null, change));
        assertEquals(Optional.of(new ProbeLatency(100, 1, 2.0, 80.0)), ProbeLatency.of(at, micros, ok, n, change, null));
        assertEquals(Optional.empty(), ProbeLatency.of(at, micros, ok, n, T0.plusSeconds(500), null));
    }

    /** Six probes after a resume, one of them caught by a 60 ms pause: their p99 is that one; it is not a breach. */
    @Test
    void oneSlowProbeAmongFewIsNotABreachTwoAre() {
        long[] at = new long[6];
        long[] micros = {1_000, 60_000, 1_000, 1_000, 1_000, 1_000};
        boolean[] ok = {true, true, true, true, true, true};
        for (int i = 0; i < 6; i++) {
            at[i] = T0.plusSeconds(i).toEpochMilli();
        }
        ProbeLatency one = ProbeLatency.of(at, micros, ok, 6, null, null).orElseThrow();
        assertEquals(60.0, one.p99Millis(), "the p99 of six probes is their slowest");
        long slow = ProbeLatency.slowerThan(at, micros, ok, 6, null, 50);
        assertEquals(1, slow);
        assertFalse(one.breaches(50, slow));
        micros[4] = 55_000;
        ProbeLatency two = ProbeLatency.of(at, micros, ok, 6, null, null).orElseThrow();
        assertTrue(two.breaches(50, ProbeLatency.slowerThan(at, micros, ok, 6, null, 50)));
        assertEquals(0, ProbeLatency.slowerThan(at, micros, ok, 6, T0.plusSeconds(5), 50), "from the change on only");
        assertFalse(two.breaches(100, ProbeLatency.slowerThan(at, micros, ok, 6, null, 100)), "under the threshold");
    }
}
