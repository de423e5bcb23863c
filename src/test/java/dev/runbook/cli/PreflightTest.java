package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.aws.QueryProtocolServer.Reply;
import dev.runbook.run.DryRunRecord;
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
 * {@code run --dry-run} as the pre-flight, through the real SDK clients against a local AWS endpoint: a failed or
 * unanswerable read does not end it, every change is previewed, one summary lists everything, exit 0 only when
 * clean; and the drift guard against an earlier dry run.
 */
class PreflightTest {
    static final List<String> CHANGES = List.of("precheck/benchmark-before", "migrate/manual-snapshot", "migrate/add-replicas",
            "migrate/enable-failover", "migrate/upgrade-engine", "migrate/transit-encryption", "verify/benchmark-after");

    @TempDir
    Path tmp;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int dryRun(Path config, String... extra) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("run", "--env", "dev", "--dry-run", "--non-interactive",
                "--region", "ap-northeast-2", "--config", config.toString(), "--runs-dir", tmp.resolve("runs").toString()));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    }

    List<Path> runs() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            return s.sorted().toList();
        }
    }

    List<JournalEvent> journal(Path run) {
        return Journal.read(run.resolve(Journal.FILE)).events();
    }

    String summary() {
        String o = out.toString();
        return o.substring(o.lastIndexOf("Pre-flight: "));
    }

    @Test
    void theSecondAndFourthReadsFailYetEveryChangeIsPreviewedAndBothFailuresAreListed() throws Exception {
        Path config = DryRunAws.settings(tmp);
        try (DryRunAws aws = new DryRunAws(s -> s
                .onError("DescribeSnapshots", 403, "AccessDenied", "not authorized to perform DescribeSnapshots")
                .onError("DescribeCacheEngineVersions", 400, "InvalidAction",
                        "The action DescribeCacheEngineVersions is not valid for this web service"))
                .group("cache.t4g.micro", "7.0.7")) {
            assertEquals(1, dryRun(config), out + "\n" + err);
            assertEquals(List.of(), aws.writes(), "a dry run sends only reads");
        }
        Path run = runs().get(0);
        List<JournalEvent> events = journal(run);
        for (String step : CHANGES) {
            JournalEvent end = events.stream().filter(e -> step.equals(e.step()) && e.event().equals("would-run"))
                    .findFirst().orElseThrow(() -> new AssertionError(step + " was not previewed:\n" + out));
            assertTrue(end.summary().startsWith(step.endsWith("transit-encryption")
                    ? "would send nothing: Nothing to do" : "would send: "), end.summary());
        }
        String summary = summary();
        assertTrue(summary.contains("  ✗ precheck/backup-exists: failed: The AWS identity may not list the snapshots"),
                summary);
        assertTrue(summary.contains("  ✗ precheck/target-parameter-group: failed: AWS refused to check parameter group"
                + " default.valkey8 (InvalidAction"), summary);
        assertTrue(summary.contains("  ~ migrate/manual-snapshot: would send: "
                + "CreateSnapshotRequest(ReplicationGroupId=" + DryRunAws.G), summary);
        assertTrue(summary.contains("  ~ migrate/upgrade-engine: would send: ModifyReplicationGroupRequest("), summary);
        assertTrue(summary.contains("6 changes would be sent"), summary);
        assertTrue(events.stream().anyMatch(e -> "verify/ping-after".equals(e.step())), "the verify section ran too");
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("## Pre-flight · 사전 점검 (dry run)"), report);
        assertTrue(report.contains("- `precheck/backup-exists`: failed: "), report);
        assertTrue(Files.isRegularFile(run.resolve(DryRunRecord.FILE)), "the dry run recorded what it read");
    }

    @Test
    void aMaintenanceWindowWithTooLittleLeftIsAProblemTheLiveRunWouldBeRefused() throws Exception {
        Path config = DryRunAws.settings(tmp);
        // dev applies immediately: a 2-hour window that opened 100 minutes ago leaves 20, the rest needs 60
        java.time.ZonedDateTime open = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(100)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("EEE:HH:mm",
                java.util.Locale.ROOT);
        String window = (open.format(f) + "-" + open.plusHours(2).format(f)).toLowerCase(java.util.Locale.ROOT);
        Files.writeString(config, Files.readString(config).replaceFirst("maintenance-window = \"sun:05:00-sun:07:00\"",
                "maintenance-window = \"" + window + "\""));
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
            assertEquals(1, dryRun(config), out + "\n" + err);
            assertEquals(List.of(), aws.writes(), "a dry run sends only reads");
        }
        JournalEvent budget = journal(runs().get(0)).stream().filter(e -> e.event().equals("budget")).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString()));
        assertEquals("migrate/upgrade-engine", budget.step());
        assertEquals("too-short", budget.facts().get("budget-verdict"));
        String summary = summary();
        assertTrue(summary.contains("  ✗ migrate/upgrade-engine: time budget: a live run would refuse the engine"
                + " change: The maintenance window cannot hold the rest of the change: needs 60 min (estimates), "),
                summary);
        assertTrue(summary.contains("  ~ migrate/upgrade-engine: would send: ModifyReplicationGroupRequest("),
                "the dry run still shows the request: " + summary);
    }

    @Test
    void aParameterGroupLookupAnsweredWithA500HtmlPageIsAProblemOfThatStepOnly() throws Exception {
        Path config = DryRunAws.settings(tmp);
        Reply page = Reply.html(500,
                "<html><head><title>500 Internal Server Error</title></head><body>upstream failed</body></html>");
        // as often as the SDK's retries ask for it (a degraded endpoint answers every attempt alike)
        try (DryRunAws aws = new DryRunAws(s -> s.on("DescribeCacheParameterGroups", page, page, page, page, page))
                .group("cache.t4g.micro", "7.0.7")) {
            assertEquals(1, dryRun(config), out + "\n" + err);
        }
        String summary = summary();
        assertTrue(summary.contains("  ✗ precheck/target-parameter-group: failed: The AWS endpoint answered HTTP 500"
                + " with an error page instead of an AWS response"), summary);
        assertFalse(summary.contains("precheck/describe-group"), "the other reads passed: " + summary);
        assertFalse(summary.contains("precheck/backup-exists"), summary);
        assertTrue(summary.contains("6 changes would be sent"), summary);
    }

    @Test
    void aLaterDryRunListsDriftOnNodeTypeAndEngineVersionFieldByField() throws Exception {
        Path config = DryRunAws.settings(tmp);
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
            dryRun(config);
        }
        Path first = runs().get(0);
        DryRunRecord recorded = DryRunRecord.read(first).orElseThrow();
        assertEquals("cache.t4g.micro", recorded.state().get("node-type"));
        assertEquals(DryRunAws.M + "=7.0.7", recorded.state().get("member-versions"));
        assertTrue(recorded.requests().get("migrate/upgrade-engine").get(0).startsWith("ModifyReplicationGroupRequest("));
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.small", "7.0.9")) {
            assertEquals(1, dryRun(config), out.toString());
        }
        String summary = summary();
        assertTrue(summary.contains("  ✗ precheck/benchmark-before: drift: 3 difference(s) since dry run "
                + first.getFileName() + " ("), summary);
        assertTrue(summary.contains("engine-version: 7.0.7 → 7.0.9; member-versions: " + DryRunAws.M + "=7.0.7 → "
                + DryRunAws.M + "=7.0.9; node-type: cache.t4g.micro → cache.t4g.small"), summary);
        assertFalse(summary.contains("migrate/manual-snapshot: drift"), "a difference is listed once: " + summary);
        assertTrue(out.toString().contains("held to dry run " + first.getFileName()), out.toString());
        Path second = runs().get(1);
        String report = Files.readString(second.resolve("report.md"));
        assertTrue(report.contains("## Since the dry run · 드라이런 이후 변경\n\nHeld to dry run **"
                + first.getFileName() + "**, recorded "), report);
        assertTrue(report.contains("- precheck/benchmark-before: engine-version: 7.0.7 → 7.0.9; "), report);
    }

    @Test
    void aDryRunWithNothingChangedSinceTheLastOneSaysNone() throws Exception {
        Path config = DryRunAws.settings(tmp);
        for (int i = 0; i < 2; i++) {
            try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
                dryRun(config);
            }
        }
        String report = Files.readString(runs().get(1).resolve("report.md"));
        assertTrue(report.contains("Drift: none — the state and every request matched the dry run."), report);
        assertFalse(summary().contains("drift"), summary());
    }

    @Test
    void anAfterDryRunThatIsNoDryRunIsOneLineExitTwoAndNoRunFolder() throws Exception {
        Path config = DryRunAws.settings(tmp);
        Files.createDirectories(tmp.resolve("runs"));
        try (DryRunAws aws = new DryRunAws(s -> { }).group("cache.t4g.micro", "7.0.7")) {
            assertEquals(2, dryRun(config, "--after-dry-run", "20260101-000000-dev"));
            assertEquals(List.of(), aws.server.requests(), "nothing was asked of AWS");
        }
        assertEquals("error: --after-dry-run: no run 20260101-000000-dev under " + tmp.resolve("runs") + "\n",
                err.toString());
        assertEquals(List.of(), runs());
    }
}
