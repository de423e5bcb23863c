package dev.runbook.action.dataplane;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The downtime probe's PING latency over one stretch of the run (before the change, after it): how many probes,
 * how many failed, and the p50 / p99 of the answered ones in milliseconds (nearest-rank). Built from the samples
 * the probe keeps, each stamped on the run's clock so it can be split at the upgrade's start and end.
 */
public record ProbeLatency(long probes, long errors, double p50Millis, double p99Millis) {
    /** The samples with {@code from <= at < to} (either end may be null: open); empty when none fell there. */
    static Optional<ProbeLatency> of(long[] atMillis, long[] latencyMicros, boolean[] ok, int n, Instant from,
                                     Instant to) {
        long[] answered = new long[n];
        int count = 0;
        long probes = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            if ((from != null && atMillis[i] < from.toEpochMilli()) || (to != null && atMillis[i] >= to.toEpochMilli())) {
                continue;
            }
            probes++;
            if (ok[i]) {
                answered[count++] = latencyMicros[i];
            } else {
                errors++;
            }
        }
        if (probes == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(answered, count);
        Arrays.sort(sorted);
        return Optional.of(new ProbeLatency(probes, errors, rank(sorted, 0.50), rank(sorted, 0.99)));
    }

    /** The answered samples with {@code from <= at} (null: all) slower than {@code millis}. */
    static long slowerThan(long[] atMillis, long[] latencyMicros, boolean[] ok, int n, Instant from, double millis) {
        long slow = 0;
        for (int i = 0; i < n; i++) {
            if (ok[i] && (from == null || atMillis[i] >= from.toEpochMilli()) && latencyMicros[i] > millis * 1000) {
                slow++;
            }
        }
        return slow;
    }

    /**
     * Whether this stretch breaches {@code thresholdMillis}: its p99 is over it and so are at least two probes
     * ({@code slow}). A p99 of fewer than 100 probes is their slowest, and one GC pause or a cold JVM after a resume
     * must not fail the change; with 100 or more a p99 over the threshold means two probes over it anyway.
     */
    boolean breaches(double thresholdMillis, long slow) {
        return p99Millis > thresholdMillis && slow >= 2;
    }

    private static double rank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
