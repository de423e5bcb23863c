package dev.runbook.tui;

import dev.runbook.config.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A CloudWatch series drawn as a one-line sparkline ({@code ▁▂▃▄▅▆▇█}) with its limit marked in text, so it
 * reads without colour: the scale runs from 0 to the larger of the peak and the limit, and a second line puts
 * {@code ^} under every point at or over the limit.
 */
public final class Sparkline {
    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /** The bars for {@code values}, scaled to {@code 0..max(peak, limit)}; empty when there are no values. */
    public static String bars(List<Double> values, OptionalDouble limit) {
        double top = Math.max(values.stream().mapToDouble(Double::doubleValue).max().orElse(0), limit.orElse(0));
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            int level = top <= 0 ? 0 : (int) Math.round(Math.max(0, v) / top * (BARS.length - 1));
            b.append(BARS[Math.min(level, BARS.length - 1)]);
        }
        return b.toString();
    }

    /** A line under the bars: {@code ^} under each point at or over the limit; blank when none is. */
    public static String breaches(List<Double> values, OptionalDouble limit) {
        if (limit.isEmpty() || values.stream().noneMatch(v -> v >= limit.getAsDouble())) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(v >= limit.getAsDouble() ? '^' : ' ');
        }
        return b.toString().stripTrailing();
    }

    /** The label after the bars: "max 91.2 limit 80 OVER" / "max 12.0 limit 80" / "max 3.0". */
    public static String legend(List<Double> values, OptionalDouble limit) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String s = "max " + number(max);
        if (limit.isPresent()) {
            s += " limit " + number(limit.getAsDouble()) + (max >= limit.getAsDouble() ? " OVER" : "");
        }
        return s;
    }

    /** The configured limit for a CloudWatch metric name, if the settings have one. */
    public static OptionalDouble limitFor(String metric, Thresholds t) {
        return switch (metric) {
            case "CPUUtilization" -> OptionalDouble.of(t.cpuUtilizationPercent());
            case "EngineCPUUtilization" -> OptionalDouble.of(t.engineCpuUtilizationPercent());
            case "DatabaseMemoryUsagePercentage" -> OptionalDouble.of(t.databaseMemoryUsagePercent());
            case "Evictions" -> OptionalDouble.of(t.evictionsPerMinute());
            case "ReplicationLag" -> OptionalDouble.of(t.replicationLagSeconds());
            default -> OptionalDouble.empty();
        };
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
