package dev.runbook.report.picture;

import dev.runbook.config.MaintenanceWindow;
import dev.runbook.config.Settings;
import dev.runbook.config.Thresholds;
import dev.runbook.report.CompletionReport;
import dev.runbook.run.JournalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pictures of one run's report, from its journal (and the settings, for the maintenance window and the
 * thresholds): {@code timeline.svg} always, {@code cloudwatch.svg} when a monitor step recorded series,
 * {@code benchmark.svg} when a benchmark measured something; and {@code report.html} with them inline.
 */
public final class Pictures {
    public static final String TIMELINE = "timeline.svg";
    public static final String CLOUDWATCH = "cloudwatch.svg";
    public static final String BENCHMARK = "benchmark.svg";
    public static final String HTML = "report.html";

    private final Map<String, String> files;

    private Pictures(Map<String, String> files) {
        this.files = files;
    }

    /** Draws the pictures of the run whose journal holds {@code events}. */
    public static Pictures of(List<JournalEvent> events, CompletionReport report, Optional<Settings> settings) {
        Optional<String> envName = events.stream().filter(e -> e.kind() == JournalEvent.Kind.RUN_STARTED && e.facts() != null)
                .map(e -> e.facts().get("environment")).filter(n -> n != null).findFirst();
        Optional<MaintenanceWindow> window = settings.flatMap(s -> envName.filter(s.environments()::containsKey)
                .map(n -> MaintenanceWindow.parse(s.environment(n).maintenanceWindow())));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TIMELINE, TimelineSvg.render(Timeline.of(events, window),
                "Timeline · 타임라인 — " + report.header().runId() + " (" + report.header().mode() + ")"));
        monitorSeries(events).ifPresent(m -> files.put(CLOUDWATCH, Charts.cloudWatch(m.series(), m.change(events),
                settings.map(Settings::thresholds), m.period(), "CloudWatch · 모니터링 (before → after, per node)")));
        String bench = Charts.benchmark(report.benchmark(), "Benchmark · 성능 테스트 (requests/s, before → after)");
        if (bench != null) {
            files.put(BENCHMARK, bench);
        }
        return new Pictures(files);
    }

    /** File name → SVG, in the order the report shows them. */
    public Map<String, String> files() {
        return files;
    }

    public boolean has(String file) {
        return files.containsKey(file);
    }

    /** {@code report.html}: the Markdown report with these pictures inline. */
    public String html(String title, String markdown) {
        return HtmlReport.render(title, markdown, files);
    }

    /** The newest succeeded step that recorded per-node series and where they start ({@code series-start}). */
    private static Optional<Monitor> monitorSeries(List<JournalEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            JournalEvent e = events.get(i);
            if (e.kind() == JournalEvent.Kind.SUCCEEDED && e.facts() != null && e.facts().containsKey("series-start")
                    && e.series() != null && !e.series().isEmpty()) {
                return Optional.of(new Monitor(e.series(), Instant.parse(e.facts().get("series-start")),
                        Integer.parseInt(e.facts().getOrDefault("series-period-seconds", "60"))));
            }
        }
        return Optional.empty();
    }

    private record Monitor(Map<String, List<Double>> series, Instant start, int period) {
        /** The points where the change started and ended (facts upgrade-started / upgrade-finished). */
        Optional<int[]> change(List<JournalEvent> events) {
            Optional<Instant> from = fact(events, "upgrade-started");
            if (from.isEmpty()) {
                return Optional.empty();
            }
            Instant to = fact(events, "upgrade-finished").orElse(from.get());
            return Optional.of(new int[] {index(from.get()), index(to)});
        }

        private int index(Instant t) {
            return (int) Math.max(0, Duration.between(start, t).toSeconds() / period);
        }

        private static Optional<Instant> fact(List<JournalEvent> events, String key) {
            for (int i = events.size() - 1; i >= 0; i--) {
                Map<String, String> f = events.get(i).facts();
                if (f != null && f.containsKey(key)) {
                    try {
                        return Optional.of(Instant.parse(f.get(key)));
                    } catch (RuntimeException notATime) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }
}
