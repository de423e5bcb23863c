package dev.runbook.cli;

import static dev.runbook.cli.RealEnginesE2ETest.alive;
import static dev.runbook.cli.RealEnginesE2ETest.is;
import static dev.runbook.cli.RealEnginesE2ETest.pids;
import static dev.runbook.cli.RealEnginesE2ETest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rehearse --real-engines} on the built jar and the real binaries, two paths the engine tests cannot show
 * alone: a data plane that says TLS (every data-plane step — endpoint check, fingerprint, probe, benchmark — runs
 * over TLS trusting the rehearsal's throwaway CA, with AUTH, and the report says so), and a drill (the upgrade
 * fails: the real Redis 7.0 is shut down for the change and comes back on its own data, the rollback finds nothing
 * to restore). Benchmarks with fewer requests (a runbook copy) so the test measures the engines.
 */
class RealEngineTlsAndDrillE2ETest {
    private static final String JAR = System.getProperty("runbook.jar", "target/valkey-runbook.jar");
    private static final String TOKEN = "e2e-tls-token-789";

    @TempDir
    Path work;

    private record Run(int exit, String out, Path dir) {
    }

    private Run rehearse(String settings, String... extra) throws Exception {
        Path runbook = Files.writeString(work.resolve("valkey-migration.conf"), Files.readString(
                Path.of("runbooks/valkey-migration.conf")).replace("requests = 100000", "requests = 2000"));
        Path conf = Files.writeString(work.resolve("application.conf"), settings);
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR, "rehearse", "--env", "dev", "--real-engines",
                "--non-interactive", "--config", conf.toString(), "--runbook", runbook.toString(), "--runs-dir",
                work.resolve("runs").toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DEV_CACHE_TOKEN", TOKEN);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        try (Stream<Path> dirs = Files.list(work.resolve("runs"))) {
            return new Run(p.exitValue(), out, dirs.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    private static String settings(boolean tls) throws Exception {
        String dev = "data-plane { host = \"\", port = 6379, tls = false, auth-token-env = \"\", auth-token-file = \"\" }";
        String conf = Files.readString(Path.of("application.conf"));
        assertTrue(conf.contains(dev), "dev's data plane in application.conf");
        return tls ? conf.replace(dev, "data-plane { host = \"\", port = 6379, tls = true,"
                + " auth-token-env = \"DEV_CACHE_TOKEN\", auth-token-file = \"\" }") : conf;
    }

    private static String summary(List<JsonNode> events, String step, String event) {
        return events.stream().filter(e -> is(e, step, event)).findFirst().orElseThrow(() -> new AssertionError(
                step + " " + event + " not in the journal")).path("summary").asText();
    }

    @Test
    void withTlsOnEveryDataPlaneStepRunsOverTlsTrustingTheThrowawayCaAndTheReportSaysSo() throws Exception {
        Run run = rehearse(settings(true));
        assertEquals(0, run.exit(), run.out());
        List<JsonNode> events = read(run.dir());
        Path ca = run.dir().toAbsolutePath().resolve("engines/tls/ca.crt");
        JsonNode start = events.get(0).path("facts");
        assertEquals(ca.toString(), start.path("engine-ca-file").asText());
        assertTrue(run.out().contains("; TLS only, trust the rehearsal's CA " + ca + ")"), "the address line names the CA: " + run.out());
        String endpoint = start.path("engine-endpoint").asText() + " (TLS), auth from $DEV_CACHE_TOKEN";
        assertTrue(summary(events, "precheck/ping-before", "succeeded").startsWith(endpoint + " runs redis 7.0.15"),
                summary(events, "precheck/ping-before", "succeeded"));
        assertTrue(summary(events, "verify/ping-after", "succeeded").startsWith(endpoint + " runs valkey 8.0.1"));
        assertTrue(summary(events, "migrate/probe-start", "succeeded").contains("(TLS)"));
        assertEquals("intact", events.stream().filter(e -> is(e, "verify/data-intact", "succeeded")).findFirst()
                .orElseThrow().path("facts").path("result").asText());
        summary(events, "precheck/benchmark-before", "succeeded");
        summary(events, "verify/benchmark-after", "succeeded");

        String report = Files.readString(run.dir().resolve("report.md"));
        assertTrue(report.contains("- real engines: data-plane.tls is on, and the TLS client path was rehearsed: the"
                + " engines listened TLS only (replication too, tls-replication yes); every client trusted the"
                + " rehearsal's throwaway CA " + ca + " (SHA-256 "), report);
        assertFalse(report.contains("not rehearsed"), report);
        String key = Files.readString(run.dir().resolve("engines/tls/server.key")).lines()
                .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        try (Stream<Path> files = Files.walk(run.dir())) {
            // the token's one place is the engine's owner-only config file, the key's its own owner-only file
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".rdb")
                    && !f.endsWith("server.key") && !f.endsWith("engine.conf")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(TOKEN) || text.contains(key), "a secret in " + f);
            }
        }
        assertFalse(run.out().contains(TOKEN) || run.out().contains(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                run.dir().resolve("engines/goorm-popcorn-cache-dev-001/engine.conf"))));
        assertEquals(List.of(), pids(run.dir()), "every engine was stopped");
    }

    @Test
    void theUpgradeFailsDrillShutsTheRealRedisDownAndBringsItBackOnItsOwnData() throws Exception {
        Run run = rehearse(settings(false), "--inject", "upgrade-fails");
        assertEquals(1, run.exit(), run.out());
        List<JsonNode> events = read(run.dir());
        assertEquals("upgrade-fails", events.get(0).path("facts").path("drills").asText());
        assertTrue(summary(events, "migrate/await-upgrade", "failed").contains("run redis goorm-popcorn-cache-dev-001"
                + "=7.0.7, not valkey 8.0.x: the upgrade failed or was reverted"));
        assertTrue(events.stream().anyMatch(e -> "rollback-started".equals(e.path("event").asText())));
        assertTrue(summary(events, "rollback/restore-snapshot", "skipped").startsWith("No restore needed: "
                + "goorm-popcorn-cache-dev is available and still runs redis"));
        JsonNode snapshot = events.stream().filter(e -> is(e, "migrate/manual-snapshot", "succeeded")).findFirst()
                .orElseThrow().path("facts");
        assertTrue(Files.size(Path.of(snapshot.path("snapshot-file").asText())) > 0, "the snapshot is the real RDB");

        // the drill on the engine itself: stopped for the change, then a new Redis 7.0 loaded what the old one saved
        String log = Files.readString(run.dir().resolve("engines/goorm-popcorn-cache-dev-001/engine.log"));
        assertTrue(log.contains("Redis version=7.0.15"), log);
        assertTrue(log.contains("Done loading RDB, keys loaded: 10000"), log);
        String report = Files.readString(run.dir().resolve("report.md"));
        assertTrue(report.contains("- migrate/await-upgrade FAILED: goorm-popcorn-cache-dev is available again but"
                + " its members run redis"), report);
        assertTrue(report.contains("This was a REHEARSAL on real engines"), report);
        assertTrue(events.get(0).path("facts").path("backend").asText().contains("drills: upgrade-fails"));
        for (long pid : pids(run.dir())) {
            assertFalse(alive(pid), "engine " + pid + " outlived the run");
        }
        assertEquals(List.of(), pids(run.dir()));
    }
}
