package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rehearse --real-engines} as an operator runs it, against the built jar and the real binaries: killed
 * with SIGKILL in the upgrade wait, its engines outlive the JVM; {@code resume} stops them, restarts them from the
 * run folder's data dirs and drives the run to its end with the data intact, leaving no engine process behind.
 * The next rehearsal stops the strays of a killed one; a Valkey RDB given to Redis 7.0 is refused with the engine's
 * own words (the trap), leaving neither a run folder nor a process. The benchmark steps run with fewer requests
 * (a runbook copy) so the test measures the engines, not the benchmark.
 */
class RealEnginesE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = System.getProperty("runbook.jar", "target/valkey-runbook.jar");
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private Path runs() {
        return work.resolve("runs");
    }

    private Path runbook() throws IOException {
        Path copy = work.resolve("valkey-migration.conf");
        if (!Files.exists(copy)) {
            Files.writeString(copy, Files.readString(Path.of("runbooks/valkey-migration.conf"))
                    .replace("requests = 100000", "requests = 2000"));
        }
        return copy;
    }

    @Test
    void killedInTheUpgradeWaitResumesOnItsEnginesAndLeavesNoProcessBehind() throws Exception {
        Path dir = rehearseUntil(e -> is(e, "migrate/await-upgrade", "started"));
        List<Long> strays = pids(dir);
        assertFalse(strays.isEmpty(), "the killed rehearsal's engine is still running (a stray)");
        assertTrue(strays.stream().allMatch(RealEnginesE2ETest::alive));

        String out = run("resume", "--non-interactive", "--runs-dir", runs().toString(), "--runbook", runbook().toString());

        List<JsonNode> events = read(dir);
        assertEquals("run-ended", events.get(events.size() - 1).path("event").asText());
        assertTrue(events.stream().anyMatch(e -> is(e, "verify/ping-after", "succeeded")
                && e.path("summary").asText().contains("runs valkey 8.0.1")), out);
        assertTrue(events.stream().anyMatch(e -> is(e, "verify/data-intact", "succeeded")
                && e.path("facts").path("result").asText().equals("intact")), out);
        assertTrue(out.contains("Real engines: clients can connect to 127.0.0.1:"), out);
        JsonNode snapshot = events.stream().filter(e -> is(e, "migrate/manual-snapshot", "succeeded")).findFirst()
                .orElseThrow().path("facts");
        Path rdb = Path.of(snapshot.path("snapshot-file").asText());
        assertEquals(dir.resolve("snapshots").resolve(snapshot.path("snapshot-name").asText() + ".rdb"), rdb);
        assertEquals(Files.size(rdb), snapshot.path("snapshot-bytes").asLong());
        assertTrue(snapshot.path("snapshot-sha256").asText().matches("[0-9a-f]{64}"), snapshot.toString());
        for (long pid : strays) {
            assertFalse(alive(pid), "stray " + pid + " still runs");
        }
        assertEquals(List.of(), pids(dir), "no engine pid file is left: every engine was stopped");
    }

    @Test
    void theNextRehearsalStopsStraysAndAValkeyRdbIsRefusedByRedis70WithNothingLeft() throws Exception {
        Path killed = rehearseUntil(e -> is(e, "precheck/ping-before", "succeeded"));
        List<Long> strays = pids(killed);
        assertFalse(strays.isEmpty());
        Path valkeyRdb = valkeyRdb();

        Process p = new ProcessBuilder("java", "-jar", JAR, "rehearse", "--env", "dev", "--real-engines",
                "--non-interactive", "--data", valkeyRdb.toString(), "--runs-dir", runs().toString()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(2, p.exitValue(), stdout + stderr);
        List<String> lines = stderr.lines().toList();
        assertEquals(2, lines.size(), stderr);
        assertTrue(lines.get(0).startsWith("stopped stray engine pid " + strays.get(0) + " of run "), stderr);
        assertEquals("error: --data " + valkeyRdb + ": redis-server 7.0.15 exited while starting "
                + "goorm-popcorn-cache-dev-001: Can't handle RDB format version 11", lines.get(1));
        for (long pid : strays) {
            assertFalse(alive(pid), "stray " + pid + " still runs");
        }
        try (Stream<Path> dirs = Files.list(runs())) {
            assertEquals(List.of(killed), dirs.filter(Files::isDirectory).toList(), "no run folder for the refused run");
        }
    }

    /** An RDB written by the real Valkey 8.0.1 (RDB format 11). */
    private Path valkeyRdb() throws Exception {
        Path dir = Files.createDirectories(work.resolve("valkey"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process v = new ProcessBuilder("valkey-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "").redirectOutput(work.resolve("valkey.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (true) {
                try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
                    j.set("movie:1", "Popcorn");
                    j.save();
                    break;
                } catch (redis.clients.jedis.exceptions.JedisConnectionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }
        } finally {
            v.destroy();
            assertTrue(v.waitFor(20, TimeUnit.SECONDS));
        }
        return Files.move(dir.resolve("dump.rdb"), work.resolve("valkey-8.rdb"));
    }

    private Path rehearseUntil(Predicate<JsonNode> target) throws Exception {
        Files.createDirectories(runs());
        Process p = new ProcessBuilder("java", "-jar", JAR, "rehearse", "--env", "dev", "--real-engines",
                "--non-interactive", "--runs-dir", runs().toString(), "--runbook", runbook().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("rehearse.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                Path dir = runDir();
                if (dir != null && Files.exists(dir.resolve("journal.jsonl")) && read(dir).stream().anyMatch(target)) {
                    return dir;
                }
                if (!p.isAlive()) {
                    fail("the rehearsal ended (exit " + p.exitValue() + ") before the kill point: "
                            + Files.readString(work.resolve("rehearse.out")));
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            fail("the kill point did not come within " + LIMIT);
            return null;
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs, the engines stay behind
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private static String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static List<Long> pids(Path runDir) throws IOException {
        try (Stream<Path> files = Files.list(runDir.resolve("engines"))) {
            return files.filter(f -> f.toString().endsWith(".pid") && !f.endsWith("owner.pid")).map(f -> {
                try {
                    return Long.parseLong(Files.readString(f).strip());
                } catch (IOException | NumberFormatException e) {
                    return -1L;
                }
            }).filter(pid -> pid > 0).toList();
        }
    }

    private Path runDir() throws IOException {
        try (Stream<Path> s = Files.list(runs())) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    static boolean is(JsonNode e, String step, String event) {
        return step.equals(e.path("step").asText()) && event.equals(e.path("event").asText());
    }

    static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        String text = new String(Files.readAllBytes(dir.resolve("journal.jsonl")), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // mid-write
                }
            }
        }
        return events;
    }
}
