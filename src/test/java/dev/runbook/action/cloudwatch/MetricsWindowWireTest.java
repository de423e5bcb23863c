package dev.runbook.action.cloudwatch;

import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.aws.Cbor;
import dev.runbook.aws.AwsWireTest;
import dev.runbook.aws.QueryProtocolServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CloudWatch window over the real SDK client, which speaks Smithy RPC v2 CBOR in SDK 2.57.x. */
class MetricsWindowWireTest extends AwsWireTest {
    static final String OP = "GetMetricData";

    @BeforeEach
    void start() {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        ctx.facts.put("upgrade-started", "2026-11-29T04:10:00Z");
        ctx.facts.put("upgrade-finished", "2026-11-29T04:20:00Z");
    }

    private static Map<String, Object> result(String id, List<Instant> times, List<Double> values) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        r.put("Label", "ignored");
        r.put("Timestamps", times);
        r.put("Values", values);
        r.put("StatusCode", "Complete");
        return r;
    }

    private static byte[] page(String nextToken, List<Map<String, Object>> results) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("MetricDataResults", results);
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        return Cbor.encode(body);
    }

    @Test
    void readsEveryMetricOfEveryMemberAcrossPagesAndSplitsAtTheUpgrade() throws Exception {
        Instant before = Instant.parse("2026-11-29T04:00:00Z");
        Instant after = Instant.parse("2026-11-29T04:25:00Z");
        server.on(OP, Reply.cbor(200, page("token-2", List.of(result("m0", List.of(before), List.of(20.0))))),
                Reply.cbor(200, page(null, List.of(result("m0", List.of(after), List.of(95.0)),
                        result("m5", List.of(after), List.of(300.0))))));
        Outcome o = new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60)).execute(ctx);
        assertEquals("3 data points for 1 node(s) of " + G + ", 2 threshold(s) exceeded", o.summary());
        assertEquals(List.of(20.0, 95.0), o.series().get(G + "-001/CPUUtilization"));
        assertEquals("20.00", o.facts().get("avg-before.CPUUtilization"));
        assertEquals("95.00", o.facts().get("avg-after.CPUUtilization"));
        assertEquals(List.of(G + "-001 CPUUtilization reached 95.00 at 2026-11-29T04:25:00Z (threshold 80.00)",
                G + "-001 Evictions reached 300.00 at 2026-11-29T04:25:00Z (threshold 100.00)"), o.warnings());
        var sent = server.requests(OP);
        assertEquals(2, sent.size());
        assertEquals("/service/GraniteServiceVersion20100801/operation/GetMetricData", sent.get(0).path());
        assertEquals("token-2", sent.get(1).cbor().get("NextToken"));
        List<?> queries = (List<?>) sent.get(0).cbor().get("MetricDataQueries");
        assertEquals(10, queries.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) queries.get(0);
        assertEquals(G + "-001/CPUUtilization", first.get("Label"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) first.get("MetricStat");
        @SuppressWarnings("unchecked")
        Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
        assertEquals("AWS/ElastiCache", metric.get("Namespace"));
        assertEquals(List.of(Map.of("Name", "CacheClusterId", "Value", G + "-001"),
                Map.of("Name", "CacheNodeId", "Value", "0001")), metric.get("Dimensions"));
        assertEquals(60L, stat.get("Period"));
    }

    @Test
    void aCloudWatchErrorIsOneSentence() {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("__type", "com.amazonaws.cloudwatch#InvalidParameterValueException");
        err.put("message", "The parameter StartTime must be earlier than EndTime");
        server.on(OP, Reply.cbor(400, Cbor.encode(err)));
        ActionException e = assertThrows(ActionException.class,
                () -> new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60)).execute(ctx));
        assertEquals("AWS refused to read CloudWatch metrics of " + G + " (InvalidParameterValueException: The parameter"
                + " StartTime must be earlier than EndTime): fix the cause, then retry the step.", e.getMessage());
    }

    @Test
    void withoutAnUpgradeTheWholeWindowIsOneAverage() throws Exception {
        ctx.facts.clear();
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(result("m3", List.of(Instant.parse("2026-11-29T04:29:00Z")), List.of(12.0)));
        server.on(OP, Reply.cbor(200, page(null, results)));
        Outcome o = new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60)).execute(ctx);
        assertEquals("12.00", o.facts().get("avg.CurrConnections"));
        Object start = server.requests(OP).get(0).cbor().get("StartTime");
        assertEquals(Instant.parse("2026-11-29T04:00:00Z").getEpochSecond(), ((Number) start).longValue());
    }

    @Test
    void waitsUntilTheAfterWindowHasPassedBeforeReading() throws Exception {
        server.on(OP, Reply.cbor(200, page(null, List.of())));
        // the upgrade ended at 04:20; the test clock reads 04:30; after = 15m → read at 04:35, not before
        new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ofMinutes(15)).execute(ctx);
        assertEquals(Instant.parse("2026-11-29T04:35:00Z"), ctx.time.now());
        Object end = server.requests(OP).get(0).cbor().get("EndTime");
        assertEquals(Instant.parse("2026-11-29T04:35:00Z").getEpochSecond(), ((Number) end).longValue());
        assertEquals("watching " + G + " after the upgrade: 5m00s until the after-window closes", ctx.statuses.get(0));
    }

    @Test
    void anAfterWindowAlreadyPassedReadsAtOnce() throws Exception {
        server.on(OP, Reply.cbor(200, page(null, List.of())));
        new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ofMinutes(5)).execute(ctx);
        assertEquals(Instant.parse("2026-11-29T04:30:00Z"), ctx.time.now());
        assertEquals(0, ctx.time.sleeps);
    }
}
