package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The runbooks that follow the migration (issue 19), end to end through Main: every file in runbooks/ validates and
 * plans; the TLS-required and clean-up runbooks rehearse for dev and prod from their declared starting state; and
 * the clean-up refuses a snapshot younger than the grace period, a run in flight and another run's lease; TLS
 * required is refused when the group is not in preferred mode; real engines refuse a declared start.
 */
class AfterTheWindowRunbooksTest {
    static final String TLS = "runbooks/tls-required.conf";
    static final String CLEANUP = "runbooks/cleanup.conf";
    @TempDir
    Path runs;
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int main(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private String report() throws Exception {
        return Files.readString(onlyRun().resolve("report.md"));
    }

    @Test
    void everyRunbookFileValidatesAndPlansForDevAndProd() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("runbooks"))) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertEquals(List.of("cleanup.conf", "tls-required.conf", "valkey-migration.conf"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            assertEquals(0, main("validate", f.toString()), err.toString());
            for (String env : List.of("dev", "prod")) {
                assertEquals(0, main("plan", "--env", env, "--runbook", f.toString()), err.toString());
            }
        }
        String all = out.toString();
        assertTrue(all.contains("runbooks/tls-required.conf: valid for dev, prod (10 steps)"), all);
        assertTrue(all.contains("runbooks/cleanup.conf: valid for dev, prod (7 steps)"), all);
        assertTrue(all.contains("request: ModifyReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-cache-prod,"
                + " ApplyImmediately=true, TransitEncryptionEnabled=true, TransitEncryptionMode=required)"), all);
        assertTrue(all.contains("request: DeleteReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-cache-prod-rollback,"
                + " RetainPrimaryCluster=false)"), all);
        assertTrue(all.contains("MUTATES · confirm: type-id · action elasticache.delete-snapshots"), all);
        assertTrue(all.contains("MUTATES · confirm: yes · action elasticache.delete-rollback-group"), "dev: yes; " + all);
    }

    @Test
    void tlsRequiredRehearsesFromTheStateTheMigrationLeavesForDevAndProd() throws Exception {
        for (String env : List.of("dev", "prod")) {
            Path dir = runs.resolve(env);
            assertEquals(0, main("rehearse", "--env", env, "--non-interactive", "--speed", "1000", "--runbook", TLS,
                    "--runs-dir", dir.toString()), out.toString());
            Path run;
            try (Stream<Path> s = Files.list(dir)) {
                run = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            String report = Files.readString(run.resolve("report.md"));
            assertTrue(report.contains("| change/require-tls (mutates) | done |"), report);
            assertTrue(report.contains("in-transit encryption required |"), report);
            assertTrue(report.contains("## Terraform code"), report);
            assertFalse(report.contains("## Engine and version"), "no engine change in this runbook: " + report);
            assertFalse(report.contains("## Downtime"), report);
            JournalEvent started = Journal.read(run.resolve(Journal.FILE)).events().get(0);
            assertTrue(started.facts().get("rehearsal-start").startsWith("valkey 8.0, "), started.facts().toString());
            assertTrue(started.facts().get("rehearsal-start").contains("TLS preferred"), started.facts().toString());
        }
    }

    @Test
    void cleanupRehearsesForDevAndProdAndTheReportShowsTheCostAndThatNothingElseWent() throws Exception {
        for (String env : List.of("dev", "prod")) {
            Path dir = runs.resolve(env);
            assertEquals(0, main("rehearse", "--env", env, "--non-interactive", "--speed", "1000", "--runbook", CLEANUP,
                    "--runs-dir", dir.toString()), out.toString());
            Path run;
            try (Stream<Path> s = Files.list(dir)) {
                run = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            String report = Files.readString(run.resolve("report.md"));
            String group = "goorm-popcorn-cache-" + env;
            assertTrue(report.contains("## Leftovers · 정리 대상"), report);
            assertTrue(report.contains("| rollback group | " + group + "-rollback | USD "
                    + ("dev".equals(env) ? "11.68" : "23.36") + " |"), report);
            assertTrue(report.contains("**Gone otherwise · 그 외 삭제:** none — nothing else was deleted"), report);
            assertTrue(report.contains("**After · 이후:** 1 group(s) (" + group + "), "), report);
            assertFalse(report.contains("## Monthly cost · 비용"), "the migration's cost section is not this runbook's");
        }
    }

    private Path settingsWith(String extra) throws Exception {
        Path conf = tmp.resolve("application.conf");
        Files.writeString(conf, Files.readString(Path.of("application.conf")) + "\n" + extra + "\n");
        return conf;
    }

    @Test
    void cleanupRefusesASnapshotYoungerThanTheGracePeriodAndDeletesNoSnapshot() throws Exception {
        Path conf = settingsWith("runbook.cleanup.grace-period = 25d");
        assertEquals(1, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "1000", "--runbook", CLEANUP,
                "--config", conf.toString(), "--runs-dir", runs.toString()), out.toString());
        String report = report();
        assertTrue(report.matches("(?s).*Refused, nothing deleted: goorm-popcorn-cache-dev-pre-valkey-\\d{8}-\\d{4}"
                + " \\(20d 0h old\\) is younger than cleanup\\.grace-period \\(25d\\).*"), report);
        List<JournalEvent> events = Journal.read(onlyRun().resolve(Journal.FILE)).events();
        assertTrue(events.stream().noneMatch(e -> e.summary() != null && e.summary().contains("Deleted 2 pre-migration")));
    }

    @Test
    void aBadGracePeriodIsOneLineNamingTheFileAndLine() throws Exception {
        Path conf = settingsWith("runbook.cleanup.grace-period = 20000d");
        assertEquals(2, main("rehearse", "--env", "dev", "--non-interactive", "--runbook", CLEANUP, "--config",
                conf.toString(), "--runs-dir", runs.toString()));
        int line = Files.readAllLines(conf).size();
        assertEquals("error: " + conf + ":" + line + ": runbook.cleanup.grace-period: 20000d is longer than 3650d (ten"
                + " years): check the unit (e.g. 14d)\n", err.toString());
    }

    @Test
    void cleanupRefusesWhileAnUnfinishedRunOfTheGroupIsInTheRunsFolder() throws Exception {
        Path other = runs.resolve("20261120-010000-dev");
        Files.createDirectories(other);
        Files.writeString(other.resolve("journal.jsonl"), "{\"ts\":\"2026-11-20T01:00:00Z\",\"run\":\"20261120-010000-dev\","
                + "\"event\":\"run-started\",\"facts\":{\"mode\":\"REHEARSAL\",\"environment\":\"dev\","
                + "\"replication-group\":\"goorm-popcorn-cache-dev\"}}\n"
                + "{\"ts\":\"2026-11-20T01:05:00Z\",\"run\":\"20261120-010000-dev\",\"step\":\"migrate/manual-snapshot\","
                + "\"event\":\"started\",\"mutates\":true}\n");
        assertEquals(1, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "1000", "--runbook", CLEANUP,
                "--runs-dir", runs.toString()), out.toString());
        assertTrue(out.toString().contains("Refused: a run is still in flight on goorm-popcorn-cache-dev: unfinished"
                + " run(s) of goorm-popcorn-cache-dev in " + runs + ": 20261120-010000-dev"), out.toString());
        assertFalse(out.toString().contains("Sending DeleteReplicationGroupRequest"), out.toString());
    }

    @Test
    void cleanupRefusesWhileAnotherRunHoldsTheLease() throws Exception {
        assertEquals(1, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "60", "--inject", "lease-held",
                "--runbook", CLEANUP, "--runs-dir", runs.toString()), out.toString());
        assertTrue(out.toString().matches("(?s).*Refused: a run is still in flight on goorm-popcorn-cache-dev: run"
                + " \\d{8}-\\d{6}-dev holds the lease on goorm-popcorn-cache-dev.*"), out.toString());
        assertFalse(out.toString().contains("Sending DeleteReplicationGroupRequest"), out.toString());
    }

    @Test
    void tlsRequiredIsRefusedWhenTheGroupIsNotInPreferredMode() throws Exception {
        Path copy = tmp.resolve("tls-from-off.conf");
        Files.writeString(copy, Files.readString(Path.of(TLS)).replace("transit-encryption = preferred",
                "transit-encryption = off"));
        assertEquals(1, main("rehearse", "--env", "prod", "--non-interactive", "--speed", "1000", "--runbook",
                copy.toString(), "--runs-dir", runs.toString()), out.toString());
        assertTrue(out.toString().contains("✗ failed: goorm-popcorn-cache-prod: in-transit encryption off, expected"
                + " preferred: turn it on in preferred mode first"), out.toString());
        assertFalse(out.toString().contains("TransitEncryptionMode=required)"), "nothing sent: " + out);
    }

    @Test
    void realEnginesRefuseARunbookThatDeclaresItsStartingStateInOneLine() throws Exception {
        assertEquals(2, main("rehearse", "--env", "dev", "--non-interactive", "--real-engines", "--runbook", TLS,
                "--runs-dir", runs.toString()));
        String e = err.toString();
        assertTrue(e.startsWith("error: --real-engines: runbooks/tls-required.conf starts its rehearsal from a declared"
                + " state (rehearsal-start: valkey 8.0, 1 node(s), TLS preferred) that real engines are not seeded with"
                + " (they start as Redis 7.0 with your data); rehearse this runbook without --real-engines"), e);
        assertEquals(1, e.lines().count(), e);
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(0, s.filter(Files::isDirectory).count(), "no run folder is left");
        }
    }
}
