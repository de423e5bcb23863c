package dev.runbook.aws.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchResponseMetadata;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The rehearsal's CloudWatch: answers GetMetricData for the {@code AWS/ElastiCache} per-node metrics of the
 * simulated groups (dimension {@code CacheClusterId}), one point per period (60 s and up) up to the simulated
 * now, newest first unless asked otherwise. Values come from {@link MetricModel} and show the upgrade.
 */
public final class SimulatedCloudWatch implements CloudWatchClient {
    private final CacheSimulation sim;

    public SimulatedCloudWatch(CacheSimulation sim) {
        this.sim = sim;
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest r) {
        sim.enter(false);
        synchronized (sim) {
            List<MetricDataResult> results = new ArrayList<>();
            for (MetricDataQuery q : r.metricDataQueries()) {
                results.add(result(q, r.startTime(), r.endTime().isAfter(sim.now()) ? sim.now() : r.endTime(),
                        r.scanBy() == ScanBy.TIMESTAMP_ASCENDING));
            }
            GetMetricDataResponse.Builder b = GetMetricDataResponse.builder().metricDataResults(results);
            b.responseMetadata(CloudWatchResponseMetadata.create(DefaultAwsResponseMetadata.create(
                    Map.of("AWS_REQUEST_ID", sim.nextRequestId()))));
            return b.build();
        }
    }

    private MetricDataResult result(MetricDataQuery q, Instant start, Instant end, boolean ascending) {
        MetricDataResult.Builder b = MetricDataResult.builder().id(q.id()).statusCode(StatusCode.COMPLETE);
        if (q.metricStat() == null || !"AWS/ElastiCache".equals(q.metricStat().metric().namespace())) {
            return b.label(q.label() != null ? q.label() : q.id()).timestamps(List.of()).values(List.of()).build();
        }
        String metric = q.metricStat().metric().metricName();
        String cluster = q.metricStat().metric().dimensions().stream().filter(d -> d.name().equals("CacheClusterId"))
                .map(Dimension::value).findFirst().orElse(null);
        SimGroup.Member m = sim.groups.values().stream().map(g -> g.member(cluster))
                .filter(Objects::nonNull).findFirst().orElse(null);
        int period = Math.max(60, q.metricStat().period() == null ? 60 : q.metricStat().period());
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        if (m != null) {
            long first = Math.floorDiv(start.getEpochSecond() + period - 1, period) * period;
            for (long s = first; s < end.getEpochSecond(); s += period) {
                Instant t = Instant.ofEpochSecond(s);
                Double v = t.isBefore(m.created) ? null : MetricModel.value(metric, m, t);
                if (v != null) {
                    times.add(t);
                    values.add(v);
                }
            }
        }
        if (!ascending) {
            Collections.reverse(times);
            Collections.reverse(values);
        }
        return b.label(q.label() != null ? q.label() : metric).timestamps(times).values(values).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
