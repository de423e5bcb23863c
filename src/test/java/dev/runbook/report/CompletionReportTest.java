package dev.runbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.config.TestSettings;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import dev.runbook.run.JournalSecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionReportTest {
    private static final String ID = "20261129-043000-dev";

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    private void event(String ts, String step, String event, Boolean mutates, String summary,
                       Map<String, String> facts, String operator) {
        try (Journal j = Journal.open(dir)) {
            j.append(new JournalEvent("2026-11-29T04:" + ts + "Z", ID, step, event, mutates, summary, facts, null,
                    operator, null, null));
        }
    }

    private void started() {
        event("30:00", null, "run-started", null, "start", Map.of("mode", "REHEARSAL", "environment", "dev",
                "replication-group", "goorm-popcorn-cache-dev", "runbook-title", "ElastiCache Redis OSS 7.0 → Valkey 8.0",
                "os-user", "alice", "aws-identity", "rehearsal"), "alice");
    }

    private void step(String key, String from, String to, boolean mutates, Map<String, String> facts) {
        event(from, key, "started", mutates, "start " + key, null, "alice");
        event(to, key, "succeeded", mutates, key + " done", facts, "alice");
    }

    private void fullRun() {
        started();
        step("precheck/describe-group", "30:01", "30:02", false, Map.of("engine", "redis", "engine-version", "7.0.7",
                "member-versions", "goorm-popcorn-cache-dev-001=7.0.7"));
        step("precheck/benchmark-before", "30:03", "31:00", false, Map.of("rps-SET", "50000", "rps-GET", "60000"));
        event("31:01", "migrate/manual-snapshot", "confirmed", true, "yes", null, "alice (auto: rehearsal)");
        step("migrate/manual-snapshot", "31:01", "33:01", true, Map.of("snapshot-name", "goorm-popcorn-cache-dev-pre-valkey-20261129"));
        event("33:02", "migrate/terraform-apply", "skipped", true, "skipped by alice: sdk method", null, "alice");
        step("migrate/await-upgrade", "33:03", "40:03", false, Map.of("engine-after", "valkey",
                "member-versions-after", "goorm-popcorn-cache-dev-001=8.0.1", "upgrade-seconds", "420"));
        step("migrate/probe-stop", "40:04", "40:05", false, Map.of("downtime-ms", "372000", "longest-outage-ms", "365000",
                "outages", "2"));
        step("monitor/cloudwatch", "40:06", "40:07", false, Map.of("avg-before.CPUUtilization", "12.5",
                "avg-after.CPUUtilization", "9.1"));
        step("verify/data-intact", "40:08", "40:09", false, Map.of("result", "intact", "missing", "0", "changed", "0"));
        step("verify/benchmark-after", "40:10", "41:00", false, Map.of("rps-SET", "80000", "ratio-SET", "1.60",
                "rps-GET", "120000", "ratio-GET", "2.00"));
        event("41:01", null, "run-ended", null, "completed", null, null);
    }

    private String report() {
        ReportWriter.write(dir, Optional.of(TestSettings.load()), JournalSecrets.none(), new PrintWriter(printed));
        return printed.toString();
    }

    @Test
    void aFinishedRunFillsTheGuidesResultTablesWithMeasuredValues() throws Exception {
        fullRun();
        String md = report();

        assertTrue(md.contains("| environment · 환경 | dev |"), md);
        assertTrue(md.contains("| operator (OS user) | alice |"), md);
        assertTrue(md.contains("| total time | 11m 01s |"), md);
        assertTrue(md.contains("| result | completed |"), md);
        assertTrue(md.contains("| group engine (version) | redis 7.0.7 | valkey 8.0.1 |"), md);
        assertTrue(md.contains("| goorm-popcorn-cache-dev-001 | 7.0.7 | 8.0.1 |"), md);
        assertTrue(md.contains("| migrate/manual-snapshot (mutates) | done | 2m 00s | yes | alice (auto: rehearsal) |"), md);
        assertTrue(md.contains("Manual snapshot taken before the change: **goorm-popcorn-cache-dev-pre-valkey-20261129**"), md);
        assertTrue(md.contains("--replication-group-id goorm-popcorn-cache-dev-rollback"), md);
        assertTrue(md.contains("--snapshot-name goorm-popcorn-cache-dev-pre-valkey-20261129 --engine redis "
                + "--engine-version 7.0 --cache-node-type cache.t4g.micro --num-cache-clusters 1"), md);
        assertTrue(md.contains("Do NOT use the guide's rollback `terraform apply -var=\"elasticache_engine_version=7.0\"`"), md);
        assertTrue(md.contains("| total downtime | 372.0 s | dev: 5-10 minutes of downtime (다운타임 5-10분) |"), md);
        assertTrue(md.contains("| verdict | within the guide's 5-10 minutes |  |"), md);
        assertTrue(md.contains("| CPUUtilization | 12.5 | 9.1 |"), md);
        assertTrue(md.contains("| GET | 60000 | 120000 | 2.00x | meets the guide's \"up to 2x\" |"), md);
        assertTrue(md.contains("| SET | 50000 | 80000 | 1.60x | 1.60x: faster, short of the guide's \"up to 2x\" |"), md);
        assertTrue(md.contains("| intact | 0 | 0 |"), md);
        assertTrue(md.contains("| 11.68 USD (1 × cache.t4g.micro redis) | 9.34 USD (1 × cache.t4g.micro valkey) "
                + "| -2.34 USD/month (-20%) | ~$12 → ~$12 (guide: \"same\") |"), md);
        assertTrue(md.contains("- This was a REHEARSAL against a built-in simulation"), md);
        assertTrue(md.contains("- migrate/terraform-apply skipped: skipped by alice: sdk method"), md);
        assertEquals(md.substring(0, md.indexOf("\nreport: ")).stripTrailing(),
                Files.readString(dir.resolve("report.md")).stripTrailing());
    }

    @Test
    void missingFactsSayNotMeasuredAndWhyNeverBlank() throws Exception {
        started();
        event("31:00", "migrate/probe-stop", "skipped", false, "skipped by alice: no probe", null, "alice");
        event("32:00", "verify/data-intact", "started", false, "compare", null, "alice");
        event("32:01", "verify/data-intact", "failed", false, "could not connect", null, "alice");
        event("33:00", null, "aborted", null, "verify/data-intact failed", null, null);

        String md = report();

        assertTrue(md.contains("| total downtime | not measured (step migrate/probe-stop was skipped: skipped by "
                + "alice: no probe) |"), md);
        assertTrue(md.contains("| not measured (step verify/data-intact failed: could not connect) |"), md);
        assertTrue(md.contains("| CPUUtilization | not measured (step cloudwatch did not run in this run) |"), md);
        assertTrue(md.contains("Manual snapshot taken before the change: **not measured (step manual-snapshot did "
                + "not run in this run)**"), md);
        assertTrue(md.contains("| result | aborted: verify/data-intact failed |"), md);
        assertTrue(!md.contains("| |") && !md.contains("null"), md);
    }

    @Test
    void aTornLastLineIsReportedAndTheRestOfTheRunStillReports() throws Exception {
        fullRun();
        Files.writeString(dir.resolve(Journal.FILE), "{\"ts\":\"2026-11-29T04:41:02Z\",\"ev", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        String md = report();

        assertTrue(md.contains("- journal: " + dir.resolve(Journal.FILE) + ":21: unreadable journal line skipped (torn "
                + "last line: the run was interrupted mid-write)"), md);
        assertTrue(md.contains("| goorm-popcorn-cache-dev-001 | 7.0.7 | 8.0.1 |"), md);
    }

    @Test
    void theJsonReportHoldsTheSameModel() throws Exception {
        fullRun();
        report();

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals("goorm-popcorn-cache-dev-pre-valkey-20261129", json.at("/rollback/snapshotName/value").asText());
        assertEquals("372.0 s", json.at("/downtime/total/value").asText());
        assertEquals("intact", json.at("/integrity/result/value").asText());
        assertEquals("2.00", json.at("/benchmark/0/ratio/value").asText());
    }

}
