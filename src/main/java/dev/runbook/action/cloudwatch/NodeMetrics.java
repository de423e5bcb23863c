package dev.runbook.action.cloudwatch;

import dev.runbook.config.Thresholds;
import java.util.List;
import java.util.Optional;

/**
 * The per-node ElastiCache metrics the monitor step reads, with the statistic that makes each meaningful
 * (a count summed per period, a role taken at its maximum) and the threshold from the settings, if any.
 */
public enum NodeMetrics {
    CPU_UTILIZATION("CPUUtilization", "Average"),
    ENGINE_CPU_UTILIZATION("EngineCPUUtilization", "Average"),
    DATABASE_MEMORY_USAGE_PERCENTAGE("DatabaseMemoryUsagePercentage", "Average"),
    CURR_CONNECTIONS("CurrConnections", "Average"),
    CACHE_HIT_RATE("CacheHitRate", "Average"),
    EVICTIONS("Evictions", "Sum"),
    REPLICATION_LAG("ReplicationLag", "Average"),
    IS_MASTER("IsMaster", "Maximum"),
    NETWORK_BYTES_IN("NetworkBytesIn", "Sum"),
    NETWORK_BYTES_OUT("NetworkBytesOut", "Sum");

    public static final String NAMESPACE = "AWS/ElastiCache";
    private final String metricName;
    private final String stat;

    NodeMetrics(String metricName, String stat) {
        this.metricName = metricName;
        this.stat = stat;
    }

    public String metricName() {
        return metricName;
    }

    public String stat() {
        return stat;
    }

    public static List<NodeMetrics> all() {
        return List.of(values());
    }

    /**
     * The limit a value of this metric (over {@code periodSeconds}) must stay under; evictions are converted to
     * the per-minute limit of the settings.
     */
    public Optional<Double> limit(Thresholds t, int periodSeconds) {
        return switch (this) {
            case CPU_UTILIZATION -> Optional.of(t.cpuUtilizationPercent());
            case ENGINE_CPU_UTILIZATION -> Optional.of(t.engineCpuUtilizationPercent());
            case DATABASE_MEMORY_USAGE_PERCENTAGE -> Optional.of(t.databaseMemoryUsagePercent());
            case EVICTIONS -> Optional.of(t.evictionsPerMinute() * periodSeconds / 60.0);
            case REPLICATION_LAG -> Optional.of(t.replicationLagSeconds());
            default -> Optional.empty();
        };
    }
}
