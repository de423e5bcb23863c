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

/** The run commands end to end through Main: a non-interactive rehearsal, and the flags they refuse. */
class RehearseCommandTest {
    @TempDir
    Path runs;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int main(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void nonInteractiveRehearsalJournalsTheRunAndWritesTheReport() throws Exception {
        int code = main("rehearse", "--env", "dev", "--non-interactive", "--speed", "1000",
                "--runs-dir", runs.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow();
        }
        assertTrue(Files.isRegularFile(dir.resolve("report.md")));
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        JournalEvent started = events.get(0);
        assertEquals("run-started", started.event());
        assertEquals("REHEARSAL", started.facts().get("mode"));
        assertEquals("rehearsal (simulated, no AWS)", started.facts().get("identity"));
        assertEquals("1000", started.facts().get("speed"));
        assertEquals("none", started.facts().get("drills"));
        JournalEvent ended = events.get(events.size() - 1);
        assertEquals("run-ended", ended.event());
        assertEquals("completed", ended.summary(), out.toString());
        assertEquals(0, code, out.toString());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(f)), f + " is owner-only");
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("tfplan")) && Files.isRegularFile(dir.resolve("fingerprint.json")));
        assertTrue(out.toString().startsWith("ElastiCache Redis OSS 7.0 → Valkey 8.0 · dev · goorm-popcorn-cache-dev"
                + " · simulated, speed 1000x\n> precheck/describe-group — "), out.toString());
        assertTrue(out.toString().contains("report: " + dir.resolve("report.md")), out.toString());
    }

    @Test
    void theLeaseIsTakenBeforeTheFirstChangeAndReleasedBeforeTheRunEnds() throws Exception {
        assertEquals(0, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--runs-dir", runs.toString()), out.toString());
        List<JournalEvent> events = Journal.read(onlyRun().resolve(Journal.FILE)).events();
        List<String> order = events.stream().map(e -> e.event().startsWith("lease-") ? e.event()
                : "started".equals(e.event()) && Boolean.TRUE.equals(e.mutates()) ? "change" : e.event())
                .filter(e -> e.startsWith("lease-") || e.equals("change") || e.equals("run-ended")).distinct().toList();
        assertEquals("lease-taken", order.get(0), "the lease comes before the first change: " + order);
        assertEquals(List.of("lease-released", "run-ended"), order.subList(order.size() - 2, order.size()), order.toString());
        assertTrue(out.toString().contains("lease: took the lease on goorm-popcorn-cache-dev until "), out.toString());
    }

    @Test
    void theLeaseHeldDrillEndsInTheRefusalWithAReportNamingTheHolder() throws Exception {
        // at speed 60 the other run's 25 minutes outlast the pre-checks (at very high speeds they would expire)
        assertEquals(1, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "60", "--inject",
                "lease-held", "--runs-dir", runs.toString()), out.toString());
        Path dir = onlyRun();
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        assertTrue(events.stream().noneMatch(e -> "started".equals(e.event()) && Boolean.TRUE.equals(e.mutates())),
                "nothing was changed");
        assertTrue(events.stream().noneMatch(e -> "lease-taken".equals(e.event())));
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(java.util.regex.Pattern.compile("- aborted: Replication group goorm-popcorn-cache-dev is leased to"
                + " run \\d{8}-\\d{6}-dev \\(oncall-2@bastion-2\\), since [0-9T:Z-]+, until [0-9T:Z-]+: this run"
                + " changes nothing while that lease holds").matcher(report).find(), report);
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void anUnknownFaultIsOneLineListingTheKnownOnes() {
        assertEquals(2, main("rehearse", "--env", "dev", "--non-interactive", "--inject", "disk-full",
                "--runs-dir", runs.toString()));
        assertEquals("error: unknown fault 'disk-full' for --inject (known: snapshot-fails, upgrade-fails, "
                + "throttling, slow-upgrade, withdraw-refused, lease-held, cpu-spike, slow-after)\n", err.toString());
    }

    @Test
    void refusesASpeedBelowOneAndDataWithoutRealEngines() throws Exception {
        assertEquals(2, main("rehearse", "--env", "dev", "--speed", "0", "--runs-dir", runs.toString()));
        assertEquals(2, main("rehearse", "--env", "dev", "--data", "prod.rdb", "--runs-dir", runs.toString()));
        assertEquals("error: --speed must be at least 1 (simulated seconds per real second), was 0\n"
                + "error: --data needs --real-engines (the simulated endpoint holds its own keyspace)\n", err.toString());
        try (Stream<Path> left = Files.list(runs)) {
            assertEquals(List.of(), left.toList(), "no run folder for a run that never started");
        }
    }

    @Test
    void liveRefusesNonInteractiveBeforeTouchingAws() throws Exception {
        assertEquals(2, main("run", "--env", "dev", "--non-interactive", "--runs-dir", runs.toString()));
        assertEquals("error: --non-interactive is allowed only with rehearse or run --dry-run: a live run needs a"
                + " person to confirm each change\n", err.toString());
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(0, s.count(), "no run folder was created");
        }
    }

    @Test
    void prodRehearsalWithTheSdkMethodAddsTheReplicaFirstAndWaitsForTheWindow() throws Exception {
        Path conf = runs.resolveSibling(runs.getFileName() + "-sdk.conf");
        Files.writeString(conf, Files.readString(Path.of("application.conf"))
                .replace("migration-method = terraform", "migration-method = sdk"));
        // prod applies in its window: a speed at which the run's own real time does not push the simulated
        // clock past the window (real seconds count at the speed too)
        int code = main("rehearse", "--env", "prod", "--non-interactive", "--speed", "1000", "--config",
                conf.toString(), "--runs-dir", runs.toString());
        // issue 19: the migration itself succeeds, but the Terraform code still says redis 7.0, so the run ends on
        // the code-agrees step (exit 1) without rolling back; before issue 19 this run ended 0
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains("verify/code-agrees FAILED: DATA LOSS TRAP"), out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow();
        }
        List<String> ended = Journal.read(dir.resolve(Journal.FILE)).events().stream()
                .filter(e -> "succeeded".equals(e.event())).map(JournalEvent::step).toList();
        assertTrue(ended.indexOf("migrate/add-replicas") < ended.indexOf("migrate/enable-failover")
                && ended.indexOf("migrate/enable-failover") < ended.indexOf("migrate/upgrade-engine")
                && ended.indexOf("migrate/upgrade-engine") < ended.indexOf("migrate/await-upgrade")
                && ended.indexOf("migrate/await-upgrade") < ended.indexOf("migrate/transit-encryption"), ended.toString());
        assertTrue(ended.indexOf("migrate/add-replicas") >= 0 && !ended.contains("migrate/terraform-apply"), ended.toString());
        assertTrue(ended.contains("verify/ping-after") && ended.contains("verify/data-intact"), ended.toString());
    }

    @Test
    void theSdkMethodRehearsalEndsWithTheTerraformVerdictInItsReport() throws Exception {
        Path conf = runs.resolveSibling(runs.getFileName() + "-dev-sdk.conf");
        Files.writeString(conf, Files.readString(Path.of("application.conf"))
                .replace("migration-method = terraform", "migration-method = sdk"));
        assertEquals(1, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "3000", "--config",
                conf.toString(), "--runs-dir", runs.toString()), out.toString());
        Path dir = onlyRun();
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("## Terraform code · Terraform 코드\n\n- DATA LOSS TRAP: the next terraform apply"
                + " would REPLACE goorm-popcorn-cache-dev (forced by engine): Terraform deletes the group and its data,"
                + " then creates an empty one. Do not apply anything in this Terraform root until the code says:"
                + " engine = \"valkey\", engine_version = \"8.0\", parameter_group_name = \"default.valkey8\"\n"), report);
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        assertTrue(events.stream().noneMatch(e -> "rollback-started".equals(e.event())), "the group is not rolled back");
        assertTrue(events.stream().anyMatch(e -> "succeeded".equals(e.event()) && "verify/data-intact".equals(e.step())));
    }

    @Test
    void theTerraformMethodRehearsalReportsThatTheCodeAgrees() throws Exception {
        assertEquals(0, main("rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--runs-dir", runs.toString()), out.toString());
        String report = Files.readString(onlyRun().resolve("report.md"));
        assertTrue(report.contains("## Terraform code · Terraform 코드\n\n- The Terraform code agrees with"
                + " goorm-popcorn-cache-dev: terraform plan leaves it unchanged\n"), report);
    }
}
