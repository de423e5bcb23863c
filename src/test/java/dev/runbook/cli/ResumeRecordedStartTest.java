package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * resume continues the same run: the runbook and the effective settings it started with are kept in its folder
 * and used again, whatever the operator's current files and -D flags say; the differences are named. An ended
 * run is not resumed; a quit one is. Each test rehearses a whole dev run, then cuts its journal back to a point
 * between two steps (a crash there), and resumes it through Main.
 */
class ResumeRecordedStartTest {
    private static final Path DEFAULT_RUNBOOK = Path.of("runbooks", "valkey-migration.conf");

    @TempDir
    Path work;

    @Test
    void resumeUsesTheRunbookTheRunStartedWithNotTheDefaultOne() throws Exception {
        Path other = work.resolve("other.conf");
        // the default runbook without its monitor/events step, under another title
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(DEFAULT_RUNBOOK));
        int id = lines.indexOf("          id = events");
        int close = id;
        while (!lines.get(close).equals("        }")) {
            close++;
        }
        lines.subList(id - 1, close + 1).clear();
        Files.writeString(other, String.join("\n", lines)
                .replace("title = \"ElastiCache Redis OSS 7.0 → Valkey 8.0\"", "title = \"Custom runbook\""));
        Path dir = rehearseThenCrashBefore(0, "monitor/cloudwatch", "--runbook", other.toString());

        CliResult resumed = CliResult.run("resume", "--non-interactive", "--runs-dir", work.resolve("runs").toString(),
                "--runbook", DEFAULT_RUNBOOK.toString());

        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        List<JournalEvent> all = Journal.read(dir.resolve(Journal.FILE)).events();
        assertTrue(all.stream().noneMatch(e -> "monitor/events".equals(e.step())), "ran a step of the default runbook");
        assertTrue(all.stream().anyMatch(e -> "monitor/cloudwatch".equals(e.step()) && "succeeded".equals(e.event())));
        assertTrue(Files.readString(dir.resolve("runbook.conf")).contains("Custom runbook"));
        assertTrue(resumed.out().contains("resume uses the runbook and settings run " + dir.getFileName()
                + " started with (" + dir.resolve("runbook.conf")), resumed.out());
        assertTrue(resumed.out().contains("runbook differs: step monitor/events is only in " + DEFAULT_RUNBOOK),
                resumed.out());
        assertTrue(resumed.out().contains("runbook differs: its id or title is defined differently"), resumed.out());
        assertTrue(resumed.out().contains("| Completion report · 마이그레이션 결과 — Custom runbook")
                || resumed.out().contains("# Completion report · 마이그레이션 결과 — Custom runbook"), resumed.out());
    }

    @Test
    void resumeWithoutTheRunsDashDFlagsKeepsItsSdkStepsAndNamesTheKey() throws Exception {
        String key = "runbook.environments.dev.migration-method";
        Path dir;
        System.setProperty(key, "sdk");
        ConfigFactory.invalidateCaches();
        try {
            // before the first SDK step (a rehearsal's resume re-seeds its simulation from the journal)
            dir = rehearseThenCrashBefore(1, "migrate/add-replicas");
        } finally {
            System.clearProperty(key);
            ConfigFactory.invalidateCaches();
        }
        CliResult resumed = CliResult.run("resume", "--non-interactive", "--runs-dir", work.resolve("runs").toString());

        // an SDK migration ends on the Terraform agreement step: the simulated code still says redis 7.0 (issue 19)
        assertEquals(1, resumed.code(), resumed.out() + resumed.err());
        List<JournalEvent> all = Journal.read(dir.resolve(Journal.FILE)).events();
        assertTrue(all.stream().anyMatch(e -> "verify/code-agrees".equals(e.step()) && "failed".equals(e.event())
                && e.summary().startsWith("DATA LOSS TRAP")), "the run did not end on the Terraform code check");
        assertTrue(all.stream().anyMatch(e -> "migrate/upgrade-engine".equals(e.step()) && "succeeded".equals(e.event())),
                "the SDK upgrade step did not run after resume");
        assertTrue(all.stream().noneMatch(e -> e.step() != null && e.step().startsWith("migrate/terraform")
                && "started".equals(e.event())), "resume switched to the Terraform steps");
        assertTrue(resumed.out().contains("settings differ: " + key + ": sdk at the start, terraform now"), resumed.out());
        String recorded = Files.readString(dir.resolve("settings.conf"));
        assertTrue(recorded.contains("migration-method=sdk") || recorded.contains("migration-method = sdk")
                || recorded.contains("\"migration-method\" : \"sdk\""), recorded);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("settings.conf"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("runbook.conf"))));
    }

    @Test
    void anEndedRunIsNotResumedAndAQuitRunIs() throws Exception {
        Path runs = work.resolve("runs");
        CliResult first = CliResult.run("rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--runs-dir", runs.toString());
        assertEquals(0, first.code(), first.out() + first.err());
        Path dir = onlyRun();
        String id = dir.getFileName().toString();
        String journal = Files.readString(dir.resolve(Journal.FILE));

        CliResult again = CliResult.run("resume", id, "--non-interactive", "--runs-dir", runs.toString());

        assertEquals(2, again.code());
        assertEquals("error: run " + id + " has ended: an ended run cannot be resumed; see its report with `report "
                + id + "` (it ended: completed)\n", again.err());
        assertEquals(journal, Files.readString(dir.resolve(Journal.FILE)), "the journal of an ended run changed");

        // the same run quit by the operator before its monitor section: plain resume picks it up
        cutBefore(dir, "monitor/cloudwatch");
        Files.writeString(dir.resolve(Journal.FILE), "{\"ts\":\"" + lastTs(dir) + "\",\"run\":\"" + id
                + "\",\"event\":\"quit\",\"summary\":\"quit by the operator\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(CliResult.run("report", id, "--runs-dir", runs.toString()).out()
                .contains("| result | quit by the operator: the run has not ended: `resume " + id + "` continues it |"));

        CliResult resumed = CliResult.run("resume", "--non-interactive", "--runs-dir", runs.toString());

        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        List<JournalEvent> all = Journal.read(dir.resolve(Journal.FILE)).events();
        assertEquals(1, all.stream().filter(e -> "run-ended".equals(e.event())).count());
        assertEquals("run-ended", all.get(all.size() - 1).event());
    }

    /**
     * A whole rehearsal (ending with {@code exit}: 1 for an SDK migration, which ends on the Terraform code check),
     * then its journal cut back to just before the first event of {@code step}.
     */
    private Path rehearseThenCrashBefore(int exit, String step, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("rehearse", "--env", "dev", "--non-interactive",
                "--speed", "3000", "--runs-dir", work.resolve("runs").toString()));
        args.addAll(List.of(extra));
        CliResult first = CliResult.run(args.toArray(String[]::new));
        assertEquals(exit, first.code(), first.out() + first.err());
        Path dir = onlyRun();
        cutBefore(dir, step);
        return dir;
    }

    private static void cutBefore(Path dir, String step) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(Journal.FILE));
        int at = 0;
        while (at < lines.size() && !lines.get(at).contains("\"step\":\"" + step + "\"")) {
            at++;
        }
        assertTrue(at < lines.size(), step + " never ran");
        Files.write(dir.resolve(Journal.FILE), lines.subList(0, at));
        Files.deleteIfExists(dir.resolve("report.md"));
        assertFalse(Files.readString(dir.resolve(Journal.FILE)).contains("run-ended"));
    }

    private static String lastTs(Path dir) {
        List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE)).events();
        return events.get(events.size() - 1).ts();
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size());
            return dirs.get(0);
        }
    }
}
