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
 * {@code rehearse --inject slow-after} end to end through Main: the endpoint answers every PING 80 ms late once the
 * group runs Valkey, so the probe's stop (after the monitor step) finds the p99 after the change over
 * {@code thresholds.probe-p99-ms}, fails, and the run rolls back; the downtime is still the downtime step's, and the
 * report names both.
 */
class SlowAfterDrillTest {
    @TempDir
    Path runs;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void aSlowEndpointAfterTheChangeFailsTheProbesStopOnItsP99AndTheRunRollsBack() throws Exception {
        // speed 600: the 10 simulated minutes of monitoring are a second of real probing (several PINGs)
        int code = Main.run(new String[] {"rehearse", "--env", "dev", "--non-interactive", "--speed", "600",
                "--inject", "slow-after", "--runs-dir", runs.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent downtime = events.stream().filter(e -> "migrate/probe-downtime".equals(e.step())
                && "succeeded".equals(e.event())).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(Long.parseLong(downtime.facts().get("downtime-ms")) > 0, downtime.facts().toString());
        JournalEvent stop = events.stream().filter(e -> "monitor/probe-stop".equals(e.step())
                && "failed".equals(e.event())).findFirst().orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(stop.summary().startsWith("The cache is not healthy after the upgrade: PING p99 after the change "),
                stop.summary());
        assertTrue(stop.summary().contains(" ms over the probe's threshold 50.00 ms (+"), stop.summary());
        assertTrue(Double.parseDouble(stop.facts().get("latency-p99-ms.after")) >= 80, stop.facts().toString());
        assertTrue(Double.parseDouble(stop.facts().get("latency-p99-ms.before")) < 50, stop.facts().toString());
        assertTrue(Long.parseLong(stop.facts().get("latency-probes.before")) > 0, "before has samples: " + stop.facts());
        assertTrue(events.stream().anyMatch(e -> "rollback-started".equals(e.event())
                && "monitor/probe-stop".equals(e.step())), "the failure path rolls back");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("Drills injected: slow-after"), report);
        assertTrue(report.contains("**Probe latency · 지연 시간 (PING):** before the change: p50 "), report);
        assertTrue(report.contains("over the probe's threshold 50.00 ms"), report);
        assertTrue(report.contains("| total downtime | " + String.format(java.util.Locale.ROOT, "%.1f s",
                Long.parseLong(downtime.facts().get("downtime-ms")) / 1000.0)), report);
    }
}
