package dev.runbook.config;

/** CloudWatch limits the monitor steps mark on sparklines and warn about. */
public record Thresholds(double cpuUtilizationPercent, double engineCpuUtilizationPercent,
                         double databaseMemoryUsagePercent, double evictionsPerMinute,
                         double replicationLagSeconds) {
    static Thresholds read(ConfigReader r) {
        Thresholds t = new Thresholds(r.number("cpu-utilization-percent"), r.number("engine-cpu-utilization-percent"),
                r.number("database-memory-usage-percent"), r.number("evictions-per-minute"),
                r.number("replication-lag-seconds"));
        r.rejectUnknown();
        return t;
    }
}
