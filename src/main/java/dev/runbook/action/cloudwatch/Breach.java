package dev.runbook.action.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One metric of one node over its limit for a stretch of consecutive points after the upgrade: how long, from when,
 * and how far over at its peak. {@link #longest} finds the longest such stretch in a series; a stretch of at least
 * {@code thresholds.breach-minutes} is what fails (or warns about) the monitor step, a shorter spike is not.
 */
public record Breach(String node, String metric, Instant from, long minutes, double peak, double limit) {
    /**
     * The longest run of points over {@code limit} at or after {@code after}, each a period after the last (a
     * missing point ends the run: CloudWatch said nothing about that minute); empty when no point is over.
     */
    static Optional<Breach> longest(String node, String metric, TreeMap<Instant, Double> series, Instant after,
                                    double limit, Duration period) {
        Breach best = null;
        Instant runStart = null;
        Instant last = null;
        double peak = 0;
        int points = 0;
        for (Map.Entry<Instant, Double> e : series.tailMap(after, true).entrySet()) {
            boolean over = e.getValue() > limit;
            boolean adjacent = last != null && Duration.between(last, e.getKey()).equals(period);
            if (over && runStart != null && adjacent) {
                points++;
                peak = Math.max(peak, e.getValue());
            } else if (over) {
                runStart = e.getKey();
                points = 1;
                peak = e.getValue();
            } else {
                runStart = null;
                points = 0;
            }
            last = e.getKey();
            if (runStart != null) {
                long minutes = points * period.toMinutes();
                if (best == null || minutes > best.minutes()) {
                    best = new Breach(node, metric, runStart, minutes, peak, limit);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** How far over the limit the peak went. */
    public double over() {
        return peak - limit;
    }

    /** "goorm-popcorn-cache-dev-001 EngineCPUUtilization over 90.00 for 15 min from 2026-…Z, peak 97.40 (+7.40)". */
    public String line() {
        return node + " " + metric + " over " + MetricsWindow.round(limit) + " for " + minutes + " min from " + from
                + ", peak " + MetricsWindow.round(peak) + " (+" + MetricsWindow.round(over()) + ")";
    }
}
