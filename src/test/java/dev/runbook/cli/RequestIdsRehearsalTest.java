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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole rehearsal journals the request ids of each step's AWS calls although no action hands them over: the run
 * collects them from the context's clients. Steps that call no AWS API journal none.
 */
class RequestIdsRehearsalTest {
    @TempDir
    Path runs;

    @Test
    void everyStepThatCallsAwsJournalsItsOwnRequestIds() throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"rehearse", "--env", "dev", "--non-interactive", "--speed", "3000",
                "--runs-dir", runs.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(0, code, out.toString());
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JournalEvent> ended = Journal.read(dir.resolve(Journal.FILE)).events().stream()
                .filter(e -> e.step() != null && "succeeded".equals(e.event())).toList();
        for (String aws : List.of("precheck/describe-group", "precheck/backup-exists", "migrate/manual-snapshot",
                "migrate/await-upgrade", "monitor/cloudwatch", "monitor/events")) {
            JournalEvent e = ended.stream().filter(x -> aws.equals(x.step())).findFirst()
                    .orElseThrow(() -> new AssertionError(aws + " did not succeed: " + out));
            assertFalse(e.requestIds() == null || e.requestIds().isEmpty(), aws + " journaled no request id");
        }
        JournalEvent ping = ended.stream().filter(x -> "precheck/ping-before".equals(x.step())).findFirst().orElseThrow();
        assertTrue(ping.requestIds() == null || ping.requestIds().isEmpty(), "a PING calls no AWS API");
        List<String> all = new ArrayList<>();
        ended.forEach(e -> all.addAll(e.requestIds() == null ? List.of() : e.requestIds()));
        Set<String> distinct = new HashSet<>(all);
        assertEquals(all.size(), distinct.size(), "each call's id is journaled by the step that made it, once");
    }
}
