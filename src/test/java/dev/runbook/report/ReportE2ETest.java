package dev.runbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar's {@code report} command: a prod run's journal with a torn last line and, as an older build
 * might have left it, the auth token in clear; the token is set in the variable prod's data plane names.
 */
class ReportE2ETest {
    private static final String TOKEN = "e2e-Token-0123456789abcdef";
    private static final String ID = "20261129-043000-prod";

    @TempDir
    Path runs;

    private int jar(StringBuilder out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-jar", System.getProperty("runbook.jar",
                "target/valkey-runbook.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("POPCORN_CACHE_AUTH_TOKEN", TOKEN);
        Process p = pb.start();
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void theReportOfATornProdJournalNeverShowsTheConfiguredToken() throws Exception {
        Path dir = Files.createDirectories(runs.resolve(ID));
        Files.writeString(dir.resolve("journal.jsonl"), String.join("\n",
                "{\"ts\":\"2026-11-29T04:30:00Z\",\"run\":\"" + ID + "\",\"event\":\"run-started\",\"summary\":\"s\","
                        + "\"facts\":{\"mode\":\"REHEARSAL\",\"environment\":\"prod\",\"replication-group\":"
                        + "\"goorm-popcorn-cache-prod\"},\"operator\":\"alice\"}",
                "{\"ts\":\"2026-11-29T04:31:00Z\",\"run\":\"" + ID + "\",\"step\":\"precheck/ping-before\",\"event\":"
                        + "\"started\",\"mutates\":false,\"summary\":\"ping with " + TOKEN + "\"}",
                "{\"ts\":\"2026-11-29T04:31:01Z\",\"run\":\"" + ID + "\",\"step\":\"precheck/ping-before\",\"event\":"
                        + "\"succeeded\",\"mutates\":false,\"summary\":\"PONG via " + TOKEN + "\"}",
                "{\"ts\":\"2026-11-29T04:32:00Z\",\"run\":\"" + ID + "\",\"st"));
        StringBuilder out = new StringBuilder();

        int code = jar(out, "report", "--config", "application.conf", "--runs-dir", runs.toString());

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("| precheck/ping-before | done | 1s | not needed | - | PONG via **** |"),
                out.toString());
        assertTrue(out.toString().contains("journal.jsonl:4: unreadable journal line skipped (torn last line"), out.toString());
        assertTrue(out.toString().contains("~$23 → ~$47"), out.toString());
        assertFalse(out.toString().contains(TOKEN));
        for (Path f : List.of(dir.resolve("report.md"), dir.resolve("report.json"))) {
            assertFalse(Files.readString(f).contains(TOKEN), f + " holds the token");
        }
    }

    @Test
    void anUnknownRunIdExitsWith2AndListsTheKnownIds() throws Exception {
        Files.createDirectories(runs.resolve(ID));
        Files.writeString(runs.resolve(ID).resolve("journal.jsonl"), "");
        StringBuilder out = new StringBuilder();

        int code = jar(out, "report", "nope", "--config", "application.conf", "--runs-dir", runs.toString());

        assertEquals(2, code);
        assertEquals("error: no run nope under " + runs + "; known runs: " + ID + "\n", out.toString());
    }

}
