package dev.runbook.report.picture;

import dev.runbook.action.cloudwatch.NodeMetrics;
import dev.runbook.config.Thresholds;
import dev.runbook.report.CompletionReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's metric pictures: for each CloudWatch metric of the monitor step, one small chart with a line
 * per node (before and after the change on one axis, the change shaded, the threshold as a dashed line), and
 * the benchmark's requests/s before → after per test as bars. Lines differ by dash pattern and carry their node's
 * name, so nothing depends on colour alone.
 */
final class Charts {
    private static final String[] COLOURS = {"#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#5d4037"};
    private static final String[] DASHES = {null, "6 3", "2 2", "8 2 2 2", "4 4", "1 3"};
    private static final int CHART_W = 580;
    private static final int CHART_H = 170;

    private Charts() {
    }

    /**
     * The monitor step's series ({@code "<node>/<Metric>"} → one value per period from the first point), the
     * indexes where the change started and ended (empty: no change in this run), and the thresholds.
     */
    static String cloudWatch(Map<String, List<Double>> series, Optional<int[]> change, Optional<Thresholds> limits,
                             int periodSeconds, String title) {
        Map<String, Map<String, List<Double>>> byMetric = new LinkedHashMap<>();
        series.forEach((name, values) -> {
            int slash = name.lastIndexOf('/');
            if (slash > 0) {
                byMetric.computeIfAbsent(name.substring(slash + 1), k -> new LinkedHashMap<>())
                        .put(name.substring(0, slash), values);
            }
        });
        int rows = (byMetric.size() + 1) / 2;
        int height = 40 + rows * (CHART_H + 20);
        Svg svg = new Svg(2 * CHART_W + 40, height, title);
        svg.rect(0, 0, 2 * CHART_W + 40, height, "#ffffff", null, null);
        svg.text(10, 22, title, "start", "bold", "#000000");
        int i = 0;
        for (Map.Entry<String, Map<String, List<Double>>> m : byMetric.entrySet()) {
            double x0 = 10 + (i % 2) * (CHART_W + 20);
            double y0 = 40 + (i / 2) * (CHART_H + 20);
            Optional<Double> limit = limits.flatMap(t -> limitOf(m.getKey(), t, periodSeconds));
            chart(svg, x0, y0, m.getKey(), m.getValue(), change, limit, periodSeconds);
            i++;
        }
        return svg.done();
    }

    private static Optional<Double> limitOf(String metric, Thresholds t, int periodSeconds) {
        for (NodeMetrics n : NodeMetrics.values()) {
            if (n.metricName().equals(metric)) {
                return n.limit(t, periodSeconds);
            }
        }
        return Optional.empty();
    }

    private static void chart(Svg svg, double x0, double y0, String metric, Map<String, List<Double>> nodes,
                              Optional<int[]> change, Optional<Double> limit, int periodSeconds) {
        double left = x0 + 50;
        double top = y0 + 18;
        double w = CHART_W - 150;
        double h = CHART_H - 40;
        int points = nodes.values().stream().mapToInt(List::size).max().orElse(0);
        double peak = nodes.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
        double max = Math.max(peak, limit.orElse(0.0)) * 1.1;
        max = max <= 0 ? 1 : max;
        svg.text(x0, y0 + 10, metric + " (per " + periodSeconds + " s)", "start", "bold", "#000000");
        svg.rect(left, top, w, h, "#fafafa", "#9e9e9e", null);
        if (change.isPresent() && points > 1) {
            double a = left + w * change.get()[0] / (points - 1);
            double b = left + w * Math.min(change.get()[1], points - 1) / (points - 1);
            svg.rect(a, top, Math.max(b - a, 1), h, "#fff3e0", "#ef6c00", "the change (upgrade started → finished)");
            svg.text(a + 2, top + 12, "change", "start", null, "#e65100");
        }
        svg.text(left - 4, top + 8, fmt(max), "end", null, "#000000");
        svg.text(left - 4, top + h, "0", "end", null, "#000000");
        double ceiling = max;
        limit.ifPresent(l -> {
            double y = top + h - h * l / ceiling;
            svg.line(left, y, left + w, y, "#c62828", 1.2, "5 3");
            svg.text(left + w + 4, y + 4, "threshold " + fmt(l), "start", null, "#b71c1c");
        });
        int k = 0;
        for (Map.Entry<String, List<Double>> n : nodes.entrySet()) {
            List<Double> v = n.getValue();
            StringBuilder pts = new StringBuilder();
            for (int p = 0; p < v.size(); p++) {
                double x = left + (points <= 1 ? 0 : w * p / (points - 1));
                double y = top + h - h * v.get(p) / ceiling;
                pts.append(Svg.n(x)).append(',').append(Svg.n(y)).append(' ');
            }
            String colour = COLOURS[k % COLOURS.length];
            svg.shapePolyline(pts.toString().trim(), colour, DASHES[k % DASHES.length], n.getKey());
            double lastY = v.isEmpty() ? top + h : top + h - h * v.get(v.size() - 1) / ceiling;
            svg.text(left + w + 4, Math.min(top + h, lastY + 14 + 12 * k), "node " + shortName(n.getKey()), "start",
                    null, colour);
            k++;
        }
        svg.text(left, top + h + 14, "before", "start", null, "#000000");
        svg.text(left + w, top + h + 14, "after", "end", null, "#000000");
    }

    /** "goorm-popcorn-cache-dev-001" → "001": the member's number; the full id is in the line's tooltip. */
    static String shortName(String node) {
        int dash = node.lastIndexOf('-');
        return dash >= 0 && node.substring(dash + 1).matches("\\d+") ? node.substring(dash + 1) : node;
    }

    /** Requests/s before → after per test as paired bars, with the ratio; null when nothing was measured. */
    static String benchmark(List<CompletionReport.BenchmarkRow> rows, String title) {
        List<double[]> values = new ArrayList<>();
        List<CompletionReport.BenchmarkRow> shown = new ArrayList<>();
        for (CompletionReport.BenchmarkRow r : rows) {
            Optional<Double> b = number(r.before());
            Optional<Double> a = number(r.after());
            if (b.isPresent() || a.isPresent()) {
                values.add(new double[] {b.orElse(Double.NaN), a.orElse(Double.NaN)});
                shown.add(r);
            }
        }
        if (shown.isEmpty()) {
            return null;
        }
        double max = values.stream().flatMapToDouble(v -> Arrays.stream(v)).filter(d -> !Double.isNaN(d))
                .max().orElse(1);
        int height = 60 + shown.size() * 44;
        Svg svg = new Svg(1200, height, title);
        svg.rect(0, 0, 1200, height, "#ffffff", null, null);
        svg.text(10, 22, title, "start", "bold", "#000000");
        double left = 160;
        double w = 820;
        for (int i = 0; i < shown.size(); i++) {
            double y = 40 + i * 44;
            CompletionReport.BenchmarkRow r = shown.get(i);
            svg.text(left - 8, y + 18, r.test(), "end", "bold", "#000000");
            bar(svg, left, y, w, values.get(i)[0], max, "#9e9e9e", "before");
            bar(svg, left, y + 18, w, values.get(i)[1], max, "#1565c0", "after");
            if (r.ratio().present()) {
                svg.text(left + w + 110, y + 24, r.ratio().value() + "x", "start", "bold", "#000000");
            }
        }
        return svg.done();
    }

    private static void bar(Svg svg, double left, double y, double w, double value, double max, String fill,
                            String word) {
        if (Double.isNaN(value)) {
            svg.text(left, y + 12, word + ": not measured", "start", null, "#000000");
            return;
        }
        double len = w * value / max;
        svg.rect(left, y, len, 14, fill, "#000000", word + " " + fmt(value) + " requests/s");
        svg.text(left + len + 4, y + 12, word + " " + fmt(value) + " req/s", "start", null, "#000000");
    }

    private static Optional<Double> number(CompletionReport.Measured m) {
        if (!m.present()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(m.value().replace(",", "").trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
