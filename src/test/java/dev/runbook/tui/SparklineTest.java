package dev.runbook.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbook.config.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SparklineTest {
    private static final Thresholds LIMITS = new Thresholds(80, 90, 85, 100, 5);

    @Test
    void barsScaleFromZeroToTheLimitWhenTheSeriesStaysUnderIt() {
        assertEquals("▁▃▄▅▅", Sparkline.bars(List.of(0.0, 20.0, 30.0, 40.0, 50.0), OptionalDouble.of(80)));
    }

    @Test
    void barsScaleToThePeakWhenThereIsNoLimit() {
        assertEquals("▁▅█", Sparkline.bars(List.of(0.0, 3.0, 5.0), OptionalDouble.empty()));
        assertEquals("▁▁", Sparkline.bars(List.of(0.0, 0.0), OptionalDouble.empty()));
    }

    @Test
    void pointsAtOrOverTheLimitAreMarkedUnderneathAndTheLegendSaysOver() {
        List<Double> cpu = List.of(50.0, 95.0, 80.0, 10.0);
        assertEquals(" ^^", Sparkline.breaches(cpu, OptionalDouble.of(80)));
        assertEquals("max 95 limit 80 OVER", Sparkline.legend(cpu, OptionalDouble.of(80)));
        assertEquals("max 12.5 limit 80", Sparkline.legend(List.of(12.5), OptionalDouble.of(80)));
        assertEquals("", Sparkline.breaches(List.of(12.5), OptionalDouble.of(80)));
    }

    @Test
    void limitsComeFromTheSettingsByCloudWatchMetricName() {
        assertEquals(OptionalDouble.of(80), Sparkline.limitFor("CPUUtilization", LIMITS));
        assertEquals(OptionalDouble.of(5), Sparkline.limitFor("ReplicationLag", LIMITS));
        assertEquals(OptionalDouble.empty(), Sparkline.limitFor("CurrConnections", LIMITS));
    }

    @Test
    void aSeriesLongerThanThePaneShowsItsNewestPoints() {
        List<Line> lines = StepDetails.sparklines(Map.of("n-001/CurrConnections",
                List.of(1.0, 2.0, 3.0, 4.0, 8.0)), LIMITS, 5);
        assertEquals(List.of("n-001", "  CurrConnections max 8".substring(0, 5), "  ▄▅█"),
                lines.stream().map(Line::text).toList());
    }
}
