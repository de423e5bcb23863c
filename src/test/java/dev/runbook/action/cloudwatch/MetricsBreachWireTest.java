package dev.runbook.action.cloudwatch;

import static dev.runbook.aws.ElastiCacheXml.devGroup;
import static dev.runbook.aws.ElastiCacheXml.groups;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbook.action.Outcome;
import dev.runbook.aws.AwsWireTest;
import dev.runbook.aws.Cbor;
import dev.runbook.aws.QueryProtocolServer.Reply;
import dev.runbook.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor step judges the change: a metric over its threshold for {@code thresholds.breach-minutes} in a row
 * after the upgrade fails the step (or warns, with {@code on-breach = warn}); a shorter spike does not.
 */
class MetricsBreachWireTest extends AwsWireTest {
    private static final Instant FINISHED = Instant.parse("2026-11-29T04:20:00Z");
    @TempDir
    Path dir;

    @BeforeEach
    void upgradeEndedTenMinutesAgo() {
        server.onElastiCache("DescribeReplicationGroups", groups(devGroup("available")));
        ctx.facts.put("upgrade-started", "2026-11-29T04:08:00Z");
        ctx.facts.put("upgrade-finished", FINISHED.toString());
    }

    /** EngineCPUUtilization (query m1: node -001's second metric) one value a minute from the upgrade's end. */
    private void engineCpu(double... perMinute) {
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < perMinute.length; i++) {
            times.add(FINISHED.plusSeconds(60L * i));
            values.add(perMinute[i]);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", "m1");
        r.put("Label", "ignored");
        r.put("Timestamps", times);
        r.put("Values", values);
        r.put("StatusCode", "Complete");
        server.on("GetMetricData", Reply.cbor(200, Cbor.encode(Map.of("MetricDataResults", List.of(r)))));
    }

    private Outcome monitor() throws Exception {
        return new MetricsWindow(G, Duration.ofMinutes(30), Duration.ofSeconds(60)).execute(ctx);
    }

    @Test
    void aMetricOverItsThresholdForBreachMinutesFailsTheStepNamingNodeMetricLengthAndPeak() throws Exception {
        engineCpu(95, 96, 97.5, 96, 95, 94, 96, 95, 96, 95);
        Outcome o = monitor();
        assertEquals(Outcome.Status.FAILED, o.status());
        String line = G + "-001 EngineCPUUtilization over 90.00 for 10 min from 2026-11-29T04:20:00Z, peak 97.50 (+7.50)";
        assertEquals("The cache is not healthy after the upgrade: " + line + " (thresholds.breach-minutes = 5): roll"
                + " back, or set thresholds.on-breach = warn to accept it", o.summary());
        assertEquals(line, o.facts().get("breach.EngineCPUUtilization"));
        assertEquals("EngineCPUUtilization", o.facts().get("breaches"));
        assertEquals("5", o.facts().get("breach-minutes"));
        assertEquals("fail", o.facts().get("on-breach"));
        assertEquals("95.55", o.facts().get("avg-after.EngineCPUUtilization"), "the averages are still reported");
    }

    @Test
    void anOverThresholdSeriesThatRecoversWithinBreachMinutesPasses() throws Exception {
        // two spikes of 4 minutes each, with a minute under the threshold between them: never 5 in a row
        engineCpu(97, 98, 97, 96, 40, 96, 97, 98, 97, 20);
        Outcome o = monitor();
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals("10 data points for 1 node(s) of " + G + ", 1 threshold(s) exceeded", o.summary());
        assertEquals(List.of(G + "-001 EngineCPUUtilization reached 98.00 at 2026-11-29T04:21:00Z (threshold 90.00)"),
                o.warnings());
        assertEquals(null, o.facts().get("breaches"));
    }

    @Test
    void aSpikeWhileTheNodesAreReplacedIsNotABreach() throws Exception {
        ctx.facts.put("upgrade-finished", "2026-11-29T04:29:00Z");
        engineCpu(97, 98, 97, 96, 95, 96, 97, 98, 97, 20);
        assertEquals(Outcome.Status.SUCCEEDED, monitor().status());
    }

    @Test
    void onBreachWarnWarnsAndTheStepSucceeds() throws Exception {
        ctx.settings = settings("runbook.thresholds { on-breach = warn, breach-minutes = 3 }");
        engineCpu(50, 95, 96, 97, 20, 20, 20, 20, 20, 20);
        Outcome o = monitor();
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
        assertEquals("BREACH (on-breach = warn, so the step goes on): " + G + "-001 EngineCPUUtilization over 90.00 for"
                + " 3 min from 2026-11-29T04:21:00Z, peak 97.00 (+7.00) after the upgrade, at least 3 min in a row",
                o.warnings().get(o.warnings().size() - 1));
        assertEquals("warn", o.facts().get("on-breach"));
    }

    private Settings settings(String extra) throws IOException {
        Path f = dir.resolve("application.conf");
        Files.writeString(f, Files.readString(Path.of("application.conf")) + "\n" + extra + "\n");
        return Settings.load(f);
    }
}
