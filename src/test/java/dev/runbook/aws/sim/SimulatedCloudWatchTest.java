package dev.runbook.aws.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.TestContext;
import dev.runbook.config.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** The simulated CloudWatch shows the upgrade: connections drop to zero and come back, CPU spikes. */
class SimulatedCloudWatchTest {
    static final String DEV = "goorm-popcorn-cache-dev";
    final TestContext.ManualTime time = new TestContext.ManualTime(Instant.parse("2026-11-29T04:30:00Z"));
    final CacheSimulation sim = CacheSimulation.of(TestSettings.load().environment("dev"), time, Set.of(),
            Duration.ofMinutes(60));

    MetricDataQuery query(String id, String metric) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(60).stat("Average").metric(m -> m
                .namespace("AWS/ElastiCache").metricName(metric)
                .dimensions(d -> d.name("CacheClusterId").value(DEV + "-001")))).build();
    }

    @Test
    void perNodeSeriesShowTheUpgradeAtOnePointAMinute() {
        Instant start = time.now();
        time.advance(Duration.ofMinutes(10));
        new SimulatedElastiCache(sim).modifyReplicationGroup(b -> b.replicationGroupId(DEV).engine("valkey")
                .engineVersion("8.0").applyImmediately(true));
        time.advance(Duration.ofMinutes(30));
        GetMetricDataResponse r = new SimulatedCloudWatch(sim).getMetricData(b -> b.startTime(start)
                .endTime(time.now()).metricDataQueries(query("conn", "CurrConnections"), query("cpu", "CPUUtilization")));
        List<Double> connections = ascending(r.metricDataResults().get(0).values());
        List<Double> cpu = ascending(r.metricDataResults().get(1).values());
        assertEquals(40, connections.size(), "40 minutes, one point a minute");
        assertTrue(r.metricDataResults().get(0).timestamps().get(0).isAfter(
                r.metricDataResults().get(0).timestamps().get(1)), "newest first, as CloudWatch returns by default");
        assertTrue(connections.get(5) > 30, "steady before: " + connections);
        assertEquals(0.0, connections.get(16), "endpoint down 2-10 min into the upgrade: " + connections);
        assertTrue(connections.get(39) > 30, "clients back after: " + connections);
        assertTrue(cpu.get(5) < 15 && cpu.get(11) > 30, "CPU spikes while the node is upgraded: " + cpu);
    }

    private static List<Double> ascending(List<Double> newestFirst) {
        List<Double> l = new java.util.ArrayList<>(newestFirst);
        Collections.reverse(l);
        return l;
    }
}
