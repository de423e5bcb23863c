package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rehearse --inject cpu-spike} end to end through Main: the upgrade succeeds, the engine then runs hot for 15
 * simulated minutes, the monitor step fails on the breach and the run rolls back, its report naming the metric.
 */
class CpuSpikeDrillTest {
    @TempDir
    Path runs;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void theCpuSpikeDrillFailsTheMonitorStepAndEndsInTheRollbackWithAReportNamingTheMetric() throws Exception {
        int code = Main.run(new String[] {"rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--inject", "cpu-spike", "--runs-dir", runs.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent monitor = events.stream().filter(e -> "monitor/cloudwatch".equals(e.step())
                && "failed".equals(e.event())).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(monitor.summary().startsWith("The cache is not healthy after the upgrade: goorm-popcorn-cache-dev-001"
                + " EngineCPUUtilization over 90.00 for "), monitor.summary());
        assertEquals("EngineCPUUtilization", monitor.facts().get("breaches"), monitor.facts().toString());
        assertTrue(events.stream().anyMatch(e -> "rollback-started".equals(e.event())), "the failure path rolls back");
        assertTrue(events.stream().anyMatch(e -> "rollback/restore-snapshot".equals(e.step())
                && "succeeded".equals(e.event())), "the snapshot was restored");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("EngineCPUUtilization over 90.00 for "), report);
        assertTrue(report.contains("Drills injected: cpu-spike"), "the report names the drill: " + report);
        assertTrue(report.contains("**Breach · 임계값 초과:**"), report);
    }

    @Test
    void withOnBreachWarnTheCpuSpikeDrillWarnsAndTheRunGoesOnToItsEnd() throws Exception {
        Path config = runs.resolve("warn.conf");
        Files.writeString(config, Files.readString(Path.of("application.conf"))
                + "\nrunbook { thresholds { on-breach = warn } }\n");
        Path runsDir = runs.resolve("runs");
        int code = Main.run(new String[] {"rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--inject", "cpu-spike", "--runs-dir", runsDir.toString(), "--config", config.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runsDir)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent monitor = events.stream().filter(e -> "monitor/cloudwatch".equals(e.step())
                && "succeeded".equals(e.event())).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(monitor.warnings().stream().anyMatch(w -> w.startsWith("BREACH (on-breach = warn")
                && w.contains("EngineCPUUtilization over 90.00 for ")), monitor.warnings().toString());
        assertEquals("warn", monitor.facts().get("on-breach"), monitor.facts().toString());
        assertTrue(events.stream().noneMatch(e -> "rollback-started".equals(e.event())), "no rollback on a warning");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("**Breach · 임계값 초과:**"), report);
        assertTrue(report.contains("| result | completed |"), report);
    }
}
