package dev.runbook.config;

import java.util.List;
import java.util.Locale;

/**
 * CloudWatch limits the monitor steps mark on sparklines and judge the change by: a metric over its limit for
 * {@code breachMinutes} consecutive minutes after the upgrade is a breach, and so is the downtime probe's p99
 * latency after the change above {@code probeP99Millis}; {@code onBreach} says whether a breach fails the step
 * (the run's failure path, which offers the rollback) or only warns.
 */
public record Thresholds(double cpuUtilizationPercent, double engineCpuUtilizationPercent,
                         double databaseMemoryUsagePercent, double evictionsPerMinute,
                         double replicationLagSeconds, int breachMinutes, OnBreach onBreach, double probeP99Millis) {
    /** The defaults of reference.conf for what the five limits do not say. */
    public static final int DEFAULT_BREACH_MINUTES = 5;
    public static final double DEFAULT_PROBE_P99_MS = 50;

    /** What a breach does to its step. */
    public enum OnBreach {
        /** The step fails: the run stops and offers the rollback. */
        FAIL,
        /** The step succeeds with a warning naming the breach. */
        WARN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The five limits alone, with the default breach rules (as sparklines and charts need them). */
    public Thresholds(double cpuUtilizationPercent, double engineCpuUtilizationPercent,
                      double databaseMemoryUsagePercent, double evictionsPerMinute, double replicationLagSeconds) {
        this(cpuUtilizationPercent, engineCpuUtilizationPercent, databaseMemoryUsagePercent, evictionsPerMinute,
                replicationLagSeconds, DEFAULT_BREACH_MINUTES, OnBreach.FAIL, DEFAULT_PROBE_P99_MS);
    }

    public Thresholds {
        if (breachMinutes < 1) {
            throw new IllegalArgumentException("breachMinutes must be at least 1, was " + breachMinutes);
        }
        if (onBreach == null) {
            throw new IllegalArgumentException("onBreach is null");
        }
    }

    /** The same limits, breaches only warning (or failing). */
    public Thresholds withOnBreach(OnBreach how) {
        return new Thresholds(cpuUtilizationPercent, engineCpuUtilizationPercent, databaseMemoryUsagePercent,
                evictionsPerMinute, replicationLagSeconds, breachMinutes, how, probeP99Millis);
    }

    /** The same limits with another breach length. */
    public Thresholds withBreachMinutes(int minutes) {
        return new Thresholds(cpuUtilizationPercent, engineCpuUtilizationPercent, databaseMemoryUsagePercent,
                evictionsPerMinute, replicationLagSeconds, minutes, onBreach, probeP99Millis);
    }

    static Thresholds read(ConfigReader r) {
        double cpu = r.number("cpu-utilization-percent");
        double engineCpu = r.number("engine-cpu-utilization-percent");
        double memory = r.number("database-memory-usage-percent");
        double evictions = r.number("evictions-per-minute");
        double lag = r.number("replication-lag-seconds");
        int breach = r.integer("breach-minutes", 1, 1440);
        OnBreach on = OnBreach.valueOf(r.oneOf("on-breach", List.of("fail", "warn")).toUpperCase(Locale.ROOT));
        double p99 = r.number("probe-p99-ms");
        if (p99 <= 0) {
            throw r.fail("probe-p99-ms", p99 + " is not above zero (a latency limit in milliseconds, e.g. 50)");
        }
        r.rejectUnknown();
        return new Thresholds(cpu, engineCpu, memory, evictions, lag, breach, on, p99);
    }
}
