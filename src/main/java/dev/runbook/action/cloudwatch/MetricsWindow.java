package dev.runbook.action.cloudwatch;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.AwsErrors;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ReportKind;
import dev.runbook.action.elasticache.GroupState;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.config.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import java.util.EnumMap;

/**
 * CloudWatch around the change: every {@link NodeMetrics} metric of every member node in one GetMetricData call
 * (all pages), from {@code before} ahead of the upgrade's start until now. The outcome keeps each series for the
 * sparklines, before/after averages for the report, and a warning for every threshold exceeded.
 */
public record MetricsWindow(String group, Duration before, Duration period, Duration after) implements Action {
    static final int MAX_QUERIES = 500;

    public MetricsWindow(String group, Duration before, Duration period) {
        this(group, before, period, Duration.ZERO);
    }

    /** {@code after}: how long past the upgrade's end to watch before reading, so "after" has points. */

    public static Action create(Params p) {
        Duration period = p.duration("period", Duration.ofSeconds(60));
        if (period.getSeconds() < 60 || period.getSeconds() % 60 != 0) {
            throw p.invalid("period", "must be a multiple of 60s (ElastiCache publishes one point a minute)");
        }
        return new MetricsWindow(p.string("replication-group"), p.duration("before", Duration.ofMinutes(30)), period,
                p.duration("after", Duration.ZERO));
    }

    GetMetricDataRequest request(List<String> nodes, Instant start, Instant end) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (String node : nodes) {
            for (NodeMetrics m : NodeMetrics.all()) {
                queries.add(MetricDataQuery.builder().id("m" + queries.size()).label(node + "/" + m.metricName())
                        .metricStat(MetricStat.builder().stat(m.stat()).period((int) period.getSeconds())
                                .metric(Metric.builder().namespace(NodeMetrics.NAMESPACE).metricName(m.metricName())
                                        .dimensions(Dimension.builder().name("CacheClusterId").value(node).build(),
                                                Dimension.builder().name("CacheNodeId").value("0001").build())
                                        .build()).build()).build());
            }
        }
        return GetMetricDataRequest.builder().metricDataQueries(queries).startTime(start).endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        Instant now = ctx.now();
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= ctx.environment().numCacheClusters(); i++) {
            nodes.add(String.format("%s-%03d", group, i));
        }
        return Preview.of("Read " + NodeMetrics.values().length + " metrics of every member of " + group + " from "
                + before.toMinutes() + " min before the upgrade until "
                + (after.isZero() ? "now" : after.toMinutes() + " min after it ended (waits until then)")
                + " (members as described at run time)", request(nodes, windowStart(ctx, now), now).toString());
    }

    /**
     * Clients come back after the upgrade: wait until {@code after} has passed since it ended, so the "after"
     * averages rest on real points. Nothing to wait for when no upgrade ended in this run (dry-run, pre-check).
     */
    private void watchAfterUpgrade(ActionContext ctx) throws InterruptedException {
        Optional<Instant> finished = ctx.fact("upgrade-finished").map(Instant::parse);
        if (finished.isEmpty() || after.isZero()) {
            return;
        }
        Instant until = finished.get().plus(after);
        for (Instant now = ctx.time().now(); now.isBefore(until); now = ctx.time().now()) {
            Duration left = Duration.between(now, until);
            ctx.progress().status("watching " + group + " after the upgrade: " + left.toSeconds() / 60 + "m"
                    + String.format("%02d", left.toSeconds() % 60) + "s until the after-window closes");
            ctx.time().sleep(left.compareTo(Duration.ofSeconds(30)) < 0 ? left : Duration.ofSeconds(30));
        }
    }

    private Instant windowStart(PreviewContext ctx, Instant now) {
        return ctx.fact("upgrade-started").map(Instant::parse).orElse(now).minus(before);
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        watchAfterUpgrade(ctx);
        var g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
        List<String> nodes = g.memberClusters();
        if (nodes.size() * NodeMetrics.values().length > MAX_QUERIES) {
            throw new ActionException(group + " has too many members for one GetMetricData call.");
        }
        Instant now = ctx.time().now();
        GetMetricDataRequest req = request(nodes, windowStart(ctx, now), now);
        Map<String, TreeMap<Instant, Double>> byLabel = new LinkedHashMap<>();
        req.metricDataQueries().forEach(q -> byLabel.put(q.label(), new TreeMap<>()));
        Map<String, String> labelOf = new LinkedHashMap<>();
        req.metricDataQueries().forEach(q -> labelOf.put(q.id(), q.label()));
        try {
            for (var page : AwsClients.cloudWatch(ctx).getMetricDataPaginator(req)) {
                for (MetricDataResult r : page.metricDataResults()) {
                    TreeMap<Instant, Double> points = byLabel.get(labelOf.getOrDefault(r.id(), r.label()));
                    for (int i = 0; points != null && i < Math.min(r.timestamps().size(), r.values().size()); i++) {
                        points.put(r.timestamps().get(i), r.values().get(i));
                    }
                }
            }
        } catch (SdkException e) {
            throw AwsErrors.translate("read CloudWatch metrics of " + group, group, e);
        }
        return summarise(ctx, byLabel, nodes);
    }

    private Outcome summarise(ActionContext ctx, Map<String, TreeMap<Instant, Double>> byLabel, List<String> nodes) {
        Optional<Instant> started = ctx.fact("upgrade-started").map(Instant::parse);
        Instant finished = ctx.fact("upgrade-finished").map(Instant::parse).orElse(started.orElse(null));
        List<String> warnings = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, List<Double>> seriesOut = new LinkedHashMap<>();
        Map<NodeMetrics, Breach> worst = new EnumMap<>(NodeMetrics.class);
        int points = 0;
        for (NodeMetrics m : NodeMetrics.all()) {
            Averages avg = new Averages();
            for (String node : nodes) {
                TreeMap<Instant, Double> series = byLabel.get(node + "/" + m.metricName());
                points += series.size();
                seriesOut.put(node + "/" + m.metricName(), List.copyOf(series.values()));
                series.forEach((t, v) -> avg.add(started.isPresent() && t.isBefore(started.get()),
                        finished == null || !t.isBefore(finished), v));
                Optional<Double> limit = m.limit(ctx.settings().thresholds(), (int) period.getSeconds());
                limit.ifPresent(l -> series.entrySet().stream().filter(e -> e.getValue() > l)
                        .max(Map.Entry.comparingByValue()).ifPresent(e -> warnings.add(node + " " + m.metricName()
                                + " reached " + round(e.getValue()) + " at " + e.getKey() + " (threshold " + round(l)
                                + ")")));
                // judged only after an upgrade this run ended: its spike while nodes are replaced is expected
                if (limit.isPresent() && ctx.fact("upgrade-finished").isPresent()) {
                    Breach.longest(node, m.metricName(), series, finished, limit.get(), period)
                            .filter(b -> b.minutes() >= ctx.settings().thresholds().breachMinutes())
                            .filter(b -> worst.get(m) == null || b.minutes() > worst.get(m).minutes())
                            .ifPresent(b -> worst.put(m, b));
                }
            }
            if (started.isPresent()) {
                avg.before().ifPresent(v -> facts.put("avg-before." + m.metricName(), round(v)));
                avg.after().ifPresent(v -> facts.put("avg-after." + m.metricName(), round(v)));
            } else {
                avg.after().ifPresent(v -> facts.put("avg." + m.metricName(), round(v)));
            }
        }
        // the series are one value per period from their first point: where that is, for the report's charts
        byLabel.values().stream().filter(m -> !m.isEmpty()).map(TreeMap::firstKey).min(Instant::compareTo)
                .ifPresent(first -> {
                    facts.put("series-start", first.toString());
                    facts.put("series-period-seconds", String.valueOf(period.getSeconds()));
                });
        String summary = points + " data points for " + nodes.size() + " node(s) of " + group
                + (warnings.isEmpty() ? ", no threshold exceeded" : ", " + warnings.size() + " threshold(s) exceeded");
        Thresholds t = ctx.settings().thresholds();
        if (!worst.isEmpty()) {
            facts.put("breach-minutes", String.valueOf(t.breachMinutes()));
            facts.put("on-breach", t.onBreach().word());
            facts.put("breaches", String.join(",", worst.keySet().stream().map(NodeMetrics::metricName).toList()));
            worst.values().forEach(b -> facts.put("breach." + b.metric(), b.line()));
        }
        String breaches = String.join("; ", worst.values().stream().map(Breach::line).toList());
        boolean fails = !worst.isEmpty() && t.onBreach() == Thresholds.OnBreach.FAIL;
        if (!worst.isEmpty() && !fails) {
            warnings.add("BREACH (on-breach = warn, so the step goes on): " + breaches + " after the upgrade, at least "
                    + t.breachMinutes() + " min in a row");
        }
        Outcome.Builder out = fails
                ? Outcome.failed("The cache is not healthy after the upgrade: " + breaches + " (thresholds.breach-minutes"
                        + " = " + t.breachMinutes() + "): roll back, or set thresholds.on-breach = warn to accept it")
                : Outcome.succeeded(summary);
        facts.forEach(out::fact);
        seriesOut.forEach(out::series);
        warnings.forEach(out::warning);
        return out.build();
    }

    static String round(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Running sums of the points before the upgrade and after it. */
    private static final class Averages {
        private double beforeSum;
        private int beforeCount;
        private double afterSum;
        private int afterCount;

        void add(boolean isBefore, boolean isAfter, double v) {
            if (isBefore) {
                beforeSum += v;
                beforeCount++;
            } else if (isAfter) {
                afterSum += v;
                afterCount++;
            }
        }

        Optional<Double> before() {
            return beforeCount == 0 ? Optional.empty() : Optional.of(beforeSum / beforeCount);
        }

        Optional<Double> after() {
            return afterCount == 0 ? Optional.empty() : Optional.of(afterSum / afterCount);
        }
    }

    /** No SSM form: averages split at the upgrade, thresholds and sparklines are the terminal's reading. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("CloudWatch before/after averages against the thresholds; watch the"
                + " AWS/ElastiCache metrics (or alarms) of the group while the execution runs");
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(ReportKind.CLOUDWATCH);
    }
}
