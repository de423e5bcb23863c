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
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, killed with SIGKILL at three points of a dev rehearsal, then {@code resume --non-interactive}:
 * the run reaches its end, no mutating step started twice across the whole journal, the step in flight is
 * reconciled (or, read-only, simply runs again), and the report is complete and names the snapshot.
 * Speed 60: the snapshot wait is 2 s of real time, the upgrade wait 12 s, wide enough to hit by polling.
 */
class ResumeE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = System.getProperty("runbook.jar", "target/valkey-runbook.jar");
    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path runs;

    @Test
    void killedBetweenStepsWithATornLastLineResumesToTheEnd() throws Exception {
        Path dir = rehearseUntil(e -> is(e, "precheck/benchmark-before", "skipped") || is(e, "precheck/benchmark-before", "succeeded"));
        Files.writeString(dir.resolve("journal.jsonl"), "{\"ts\":\"2026-11-29T05:00:00Z\",\"run\":\"x\",\"st",
                StandardOpenOption.APPEND);

        List<JsonNode> events = resume(dir);

        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("resumed")
                && e.path("summary").asText().contains("1 unreadable journal line(s) skipped")), "torn line not reported");
        assertCompleteAndOnce(dir, events);
    }

    @Test
    void killedDuringTheSnapshotWaitReusesTheSnapshotInsteadOfTakingAnother() throws Exception {
        Path dir = rehearseUntil(e -> is(e, "migrate/manual-snapshot", "started"));
        assertFalse(ended(read(dir), "migrate/manual-snapshot"), "the snapshot step ended before the kill");

        List<JsonNode> events = resume(dir);

        assertTrue(events.stream().anyMatch(e -> is(e, "migrate/manual-snapshot", "reconciled")
                && e.path("summary").asText().endsWith("exists and is available: reused, not taken again")),
                "no reconciliation of the snapshot step");
        assertCompleteAndOnce(dir, events);
    }

    @Test
    void killedDuringTheUpgradeWaitGoesOnWaitingWithoutApplyingAgain() throws Exception {
        Path dir = rehearseUntil(e -> is(e, "migrate/await-upgrade", "started"), this::refusedWhileItLives);
        List<JsonNode> before = read(dir);
        assertTrue(before.stream().anyMatch(e -> is(e, "migrate/terraform-apply", "succeeded")));
        assertFalse(ended(before, "migrate/await-upgrade"), "the upgrade wait ended before the kill");

        List<JsonNode> events = resume(dir);

        // await-upgrade only reads: resume runs it again (no reconciliation needed); the apply is not repeated.
        int resumedAt = indexOf(events, e -> e.path("event").asText().equals("resumed"));
        assertTrue(events.subList(resumedAt, events.size()).stream()
                .anyMatch(e -> is(e, "migrate/await-upgrade", "succeeded")), "the upgrade wait did not end after resume");
        assertCompleteAndOnce(dir, events);
    }

    @Test
    void killedWhileTheProbeMeasuresKeepsItsOutagesAndReportsTheGapWithAwsEvents() throws Exception {
        // the kill comes once the probe's record on disk holds a whole outage, before the probe's downtime step
        Path dir = rehearseUntilDir(d -> Files.exists(d.resolve("probe.jsonl"))
                && Files.readString(d.resolve("probe.jsonl")).contains("\"outage-ended\""), (pid, d) -> { });
        assertFalse(ended(read(dir), "migrate/probe-downtime"), "the downtime was recorded before the kill");

        List<JsonNode> events = resume(dir);

        // the downtime step (phase = downtime, right after the upgrade wait) records what the probe measured
        JsonNode stop = events.stream().filter(e -> is(e, "migrate/probe-downtime", "succeeded")).findFirst()
                .orElseThrow(() -> new AssertionError("probe-downtime did not succeed after the resume"));
        JsonNode facts = stop.path("facts");
        assertTrue(facts.path("downtime-ms").asLong() > 0, "the outage measured before the kill was lost: " + stop);
        assertEquals("2", facts.path("probe-segments").asText(), stop.toString());
        assertTrue(facts.path("unmeasured-ms").asLong() > 0, stop.toString());
        assertTrue(facts.has("unmeasured-events"), "the gap's AWS events were not read: " + stop);
        assertTrue(stop.path("summary").asText().contains("NOT MEASURED for "), stop.toString());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("**Not measured · 측정 공백:** "), report);
        assertTrue(report.contains("not measured: no runbook process was probing (killed or quit, then resumed)"), report);
        assertTrue(Files.readString(dir.resolve("timeline.svg")).contains("not measured (no runbook process probing)"));
        assertCompleteAndOnce(dir, events);
    }

    /**
     * Starts the rehearsal, waits for the event (bounded; woken by file changes, not by sleeping), kills the
     * process (SIGKILL); returns the run's folder.
     */
    private Path rehearseUntil(Predicate<JsonNode> target) throws Exception {
        return rehearseUntil(target, (pid, dir) -> { });
    }

    /** What to do while the rehearsal still lives, just before it is killed. */
    private interface WhileAlive {
        void with(long pid, Path dir) throws Exception;
    }

    /**
     * One run, one process: while the rehearsal lives, a second process driving the same run is refused with
     * the first one's PID (exit 2, nothing appended to the journal), and report still works.
     */
    private void refusedWhileItLives(long pid, Path dir) throws Exception {
        int eventsBefore = read(dir).size();
        String id = dir.getFileName().toString();
        Process second = new ProcessBuilder("java", "-jar", JAR, "resume", "--non-interactive", "--runs-dir",
                runs.toString()).redirectErrorStream(true).start();
        String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(2, second.exitValue(), out);
        assertTrue(out.startsWith("error: run " + id + " is in use by PID " + pid + " on "), out);
        assertEquals(1, out.lines().count(), out);
        assertFalse(read(dir).subList(Math.min(eventsBefore, read(dir).size()), read(dir).size()).stream()
                .anyMatch(e -> e.path("event").asText().equals("resumed")), "the refused resume wrote to the journal");
        Process report = new ProcessBuilder("java", "-jar", JAR, "report", id, "--runs-dir", runs.toString())
                .redirectErrorStream(true).start();
        String printed = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(report.waitFor(30, TimeUnit.SECONDS), printed);
        assertEquals(0, report.exitValue(), printed);
    }

    private Path rehearseUntil(Predicate<JsonNode> target, WhileAlive whileAlive) throws Exception {
        return rehearseUntilDir(dir -> Files.exists(dir.resolve("journal.jsonl")) && read(dir).stream().anyMatch(target),
                whileAlive);
    }

    /** A condition on the run's folder. */
    private interface DirCondition {
        boolean holds(Path dir) throws IOException;
    }

    private Path rehearseUntilDir(DirCondition target, WhileAlive whileAlive) throws Exception {
        Process p = new ProcessBuilder("java", "-jar", JAR, "rehearse", "--env", "dev", "--non-interactive",
                "--runs-dir", runs.toString(), "--speed", "60").redirectErrorStream(true)
                .redirectOutput(runs.resolve("rehearse.out").toFile()).start();
        try (WatchService watcher = runs.getFileSystem().newWatchService()) {
            runs.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            Path watched = null;
            while (System.currentTimeMillis() < deadline) {
                Path dir = runDir();
                if (dir != null && !dir.equals(watched)) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                    watched = dir;
                }
                if (dir != null && target.holds(dir)) {
                    whileAlive.with(p.pid(), dir);
                    assertTrue(p.isAlive(), "the rehearsal ended while the test looked at it");
                    return dir;
                }
                if (!p.isAlive()) {
                    fail("the rehearsal ended (exit " + p.exitValue() + ") before the kill point: "
                            + Files.readString(runs.resolve("rehearse.out")));
                }
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            fail("the kill point did not come within " + DEADLINE_MS + " ms");
            return null;
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private List<JsonNode> resume(Path dir) throws Exception {
        Process p = new ProcessBuilder("java", "-jar", JAR, "resume", "--non-interactive", "--runs-dir",
                runs.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return read(dir);
    }

    /** Each mutating step started once in the whole journal; the run ended; the report is whole. */
    private static void assertCompleteAndOnce(Path dir, List<JsonNode> events) throws IOException {
        Map<String, Long> starts = events.stream().filter(e -> e.path("event").asText().equals("started")
                && e.path("mutates").asBoolean()).collect(Collectors.groupingBy(e -> e.path("step").asText(),
                TreeMap::new, Collectors.counting()));
        // The benchmark counts as a mutation (it loads the cache and may write); against the simulated endpoint it is skipped.
        assertEquals(List.of("migrate/manual-snapshot", "migrate/terraform-apply", "precheck/benchmark-before",
                "verify/benchmark-after"), List.copyOf(starts.keySet()));
        starts.forEach((step, n) -> assertEquals(1L, n, step + " started " + n + " times"));
        assertEquals(1, events.stream().filter(e -> e.path("event").asText().equals("run-started")).count());
        assertEquals("run-ended", events.get(events.size() - 1).path("event").asText());
        String report = Files.readString(dir.resolve("report.md"));
        assertFalse(report.contains("| interrupted |") || report.contains("was interrupted and never ended"), report);
        assertTrue(report.contains("| result | completed |"), report);
        assertTrue(report.contains("Manual snapshot taken before the change: **goorm-popcorn-cache-dev-pre-valkey-"), report);
    }

    private static boolean is(JsonNode e, String step, String event) {
        return step.equals(e.path("step").asText()) && event.equals(e.path("event").asText());
    }

    private static boolean ended(List<JsonNode> events, String step) {
        return events.stream().anyMatch(e -> step.equals(e.path("step").asText())
                && List.of("succeeded", "failed", "skipped", "reconciled").contains(e.path("event").asText()));
    }

    private static int indexOf(List<JsonNode> events, Predicate<JsonNode> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        fail("no such event");
        return -1;
    }

    private Path runDir() throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    /** The journal's events; a line still being written (or torn) is left out. */
    private static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        // Decoded leniently: the writer may be mid-way through a multi-byte character.
        String text = new String(Files.readAllBytes(dir.resolve("journal.jsonl")), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readTree(line));
            } catch (IOException torn) {
                // the writer is mid-line, or this is the torn line the test wrote
            }
        }
        return events;
    }
}
