package dev.runbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path runs;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void run(String id, String ts) throws Exception {
        Path dir = Files.createDirectories(runs.resolve(id));
        try (Journal j = Journal.open(dir)) {
            j.append(new JournalEvent(ts, id, null, "run-started", null, "start", Map.of("mode", "REHEARSAL",
                    "environment", "dev", "replication-group", "goorm-popcorn-cache-dev"), null, "alice", null, null));
            j.append(JournalEvent.at(ts, id).summary("completed").is(JournalEvent.Kind.RUN_ENDED));
        }
    }

    private int report(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "report";
        all[1] = "--runs-dir";
        all[2] = runs.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Main.run(all, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void withoutAnIdItReprintsTheNewestRunsReportAndSavesIt() throws Exception {
        run("20261128-010000-dev", "2026-11-28T01:00:00Z");
        run("20261129-043000-dev", "2026-11-29T04:30:00Z");

        assertEquals(0, report());

        assertTrue(out.toString().contains("| run | 20261129-043000-dev |"), out.toString());
        assertTrue(Files.isRegularFile(runs.resolve("20261129-043000-dev").resolve("report.json")));
        assertEquals("", err.toString());
    }

    @Test
    void anIdPicksThatRun() throws Exception {
        run("20261128-010000-dev", "2026-11-28T01:00:00Z");
        run("20261129-043000-dev", "2026-11-29T04:30:00Z");

        assertEquals(0, report("20261128-010000-dev"));

        assertTrue(out.toString().contains("| run | 20261128-010000-dev |"), out.toString());
    }

    @Test
    void anUnknownIdIsOneLineListingTheKnownIdsWithExitCode2() throws Exception {
        run("20261128-010000-dev", "2026-11-28T01:00:00Z");
        run("20261129-043000-dev", "2026-11-29T04:30:00Z");

        assertEquals(2, report("nope"));

        assertEquals("error: no run nope under " + runs + "; known runs: 20261129-043000-dev, 20261128-010000-dev\n",
                err.toString());
    }

    @Test
    void noRunsAtAllIsExitCode2() {
        assertEquals(2, report());

        assertEquals("error: there are no runs under " + runs + " (pass --runs-dir DIR)\n", err.toString());
    }

    @Test
    void resumeWithNothingUnfinishedSaysSoWithExitCode2() throws Exception {
        run("20261129-043000-dev", "2026-11-29T04:30:00Z");

        int code = Main.run(new String[] {"resume", "--runs-dir", runs.toString()}, new PrintWriter(out),
                new PrintWriter(err));

        assertEquals(2, code);
        assertEquals("error: every run under " + runs + " has ended; nothing to resume (known runs: "
                + "20261129-043000-dev)\n", err.toString());
    }
}
