package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
