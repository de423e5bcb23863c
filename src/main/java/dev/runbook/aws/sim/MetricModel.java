package dev.runbook.aws.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Plausible per-node CloudWatch values for a simulated node at a moment: a steady baseline with deterministic
 * noise, a CPU spike while the node is upgraded, connections dropping to zero while the endpoint is down (or
 * briefly halved at a failover) and climbing back, a burst of new connections when clients reconnect, and the
 * cpu-spike drill's engine running hot (~96% EngineCPUUtilization) after the upgrade.
 * Returns null for metrics it does not model (CloudWatch then returns no points).
 */
final class MetricModel {
    private static final Duration RECOVERY = Duration.ofMinutes(5);

    private MetricModel() {
    }

    static Double value(String metric, SimGroup.Member m, Instant t) {
        double n = noise(m.id.hashCode() * 31 + metric.hashCode(), t);
        boolean upgrading = in(m, SimGroup.Phase.Kind.UPGRADE, t);
        boolean down = in(m, SimGroup.Phase.Kind.OUTAGE, t);
        boolean failover = in(m, SimGroup.Phase.Kind.FAILOVER, t) || in(m, SimGroup.Phase.Kind.FAILOVER, t.plusSeconds(59));
        double recovered = recovery(m, t);
        boolean hot = in(m, SimGroup.Phase.Kind.HOT_ENGINE, t);
        return switch (metric) {
            case "CPUUtilization" -> down ? 0.0 : hot ? round(55 + 2 * n)
                    : round(6 + 2 * n + (upgrading ? 38 + 10 * n : 0) + 20 * (1 - recovered));
            case "EngineCPUUtilization" -> down ? 0.0 : hot ? round(96 + 2 * n)
                    : round(3 + n + (upgrading ? 18 + 5 * n : 0) + 10 * (1 - recovered));
            case "CurrConnections" -> down ? 0.0 : Math.rint((40 + 5 * n) * recovered * (failover ? 0.5 : 1));
            case "NewConnections" -> down ? 0.0 : Math.rint(2 + 2 * n + (recovered < 1 || failover ? 45 : 0));
            case "DatabaseMemoryUsagePercentage" -> down ? 0.0 : round(12 + 0.5 * n);
            case "CacheHitRate" -> down ? 0.0 : round(92 + 3 * n);
            case "Evictions", "ErrorCount", "SwapUsage" -> 0.0;
            case "ReplicationLag" -> m.primary ? null : round(0.02 + 0.01 * n + (upgrading ? 0.5 : 0));
            case "IsMaster" -> m.primary ? 1.0 : 0.0;
            case "NetworkBytesIn", "NetworkBytesOut" -> down ? 0.0 : Math.rint((52_000 + 8_000 * n) * recovered);
            case "SuccessfulReadRequestLatency", "SuccessfulWriteRequestLatency" -> down ? null
                    : round(180 + 40 * n + (upgrading ? 120 : 0));
            case "FreeableMemory" -> Math.rint(380_000_000 + 2_000_000 * n);
            default -> null;
        };
    }

    /** 0 right after the endpoint came back, 1 once clients have all reconnected. */
    private static double recovery(SimGroup.Member m, Instant t) {
        for (SimGroup.Phase p : m.phases) {
            if (p.kind() == SimGroup.Phase.Kind.OUTAGE && p.end() != null && !t.isBefore(p.end())
                    && t.isBefore(p.end().plus(RECOVERY))) {
                return 0.2 + 0.8 * Duration.between(p.end(), t).toSeconds() / RECOVERY.toSeconds();
            }
        }
        return 1;
    }

    private static boolean in(SimGroup.Member m, SimGroup.Phase.Kind kind, Instant t) {
        return m.phases.stream().anyMatch(p -> p.kind() == kind && p.covers(t));
    }

    /** Smooth deterministic noise in [-1, 1]: the same node, metric and minute always read the same. */
    private static double noise(int seed, Instant t) {
        double x = t.getEpochSecond() / 60.0;
        return 0.6 * Math.sin(x / 7.0 + seed) + 0.4 * Math.sin(x / 2.3 + seed * 0.7);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
