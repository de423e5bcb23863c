package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.aws.ElastiCacheXml;
import dev.runbook.aws.QueryProtocolServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runbook.log holds every line the operator's screen showed — each step's start and end and every log line —
 * plus what the screen hides (the SDK's request log with HTTP status and request id), in a rehearsal and in a
 * dry run alike. Driven through the built jar, because the logging set-up is per process.
 */
class RunLogE2ETest {
    private static final String JAR = System.getProperty("runbook.jar", "target/valkey-runbook.jar");

    @TempDir
    Path runs;

    @Test
    void aRehearsalsLogHoldsEveryLineTheConsoleShowed() throws Exception {
        List<String> shown = run(List.of(), "rehearse", "--env", "dev", "--non-interactive", "--speed", "600");
        String log = log();
        assertScreenLinesAreIn(shown, log);
        assertTrue(log.contains("run ended: completed"), log);
    }

    @Test
    void aDryRunsLogHoldsTheScreensLinesAndTheSdkRequestsWithTheirIds() throws Exception {
        try (QueryProtocolServer aws = QueryProtocolServer.start()) {
            aws.on("GetCallerIdentity", QueryProtocolServer.Reply.xml(200, RunCommandTest.IDENTITY));
            aws.onElastiCache("DescribeReplicationGroups", ElastiCacheXml.groups(ElastiCacheXml.devGroup("available")));
            aws.onElastiCache("DescribeCacheClusters", ElastiCacheXml.cluster("goorm-popcorn-cache-dev-001",
                    "goorm-popcorn-cache-dev", "redis", "7.0.7", null, "default.redis7"));
            aws.onElastiCache("DescribeSnapshots", ElastiCacheXml.snapshots(null, ElastiCacheXml.snapshot(
                    "automatic.goorm-popcorn-cache-dev-2026-11-29", "automated", "available", "2030-01-01T03:00:00Z")));
            List<String> shown = run(List.of("-Daws.endpointUrl=" + aws.endpoint(), "-Daws.accessKeyId=AKIDEXAMPLE",
                    "-Daws.secretAccessKey=secret-example"), "run", "--env", "dev", "--dry-run", "--non-interactive",
                    "--region", "ap-northeast-2");
            String log = log();
            assertTrue(log.length() > 0, "empty log");
            assertScreenLinesAreIn(shown, log);
            assertTrue(log.contains("Received successful response: 200, Request ID: req-"), log);
            assertTrue(!log.contains("secret-example") && !log.contains("AKIDEXAMPLE"), "credentials in the log");
        }
    }

    /** Every step line and every log line the console printed is in the log. */
    private static void assertScreenLinesAreIn(List<String> shown, String log) {
        int checked = 0;
        String step = null;
        for (String line : shown) {
            if (line.startsWith("# Completion report")) {
                break;
            }
            if (line.startsWith("> ") && line.contains(" — ")) {
                step = line.substring(2, line.indexOf(" — "));
                assertTrue(log.contains("> " + step + " running"), "start of " + step + " not logged");
                checked++;
            } else if (line.startsWith("    ")) {
                assertTrue(log.contains(line.substring(4)), "log line not in runbook.log: " + line);
                checked++;
            } else if (line.startsWith("  ") && step != null && line.indexOf(": ") > 0) {
                String word = line.substring(4, line.indexOf(": "));
                assertTrue(log.contains(step + " " + word + line.substring(line.indexOf(": "))),
                        "end of " + step + " not logged: " + line);
                checked++;
            }
        }
        assertTrue(checked > 5, "too few lines checked: " + shown);
    }

    private List<String> run(List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", JAR));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--runs-dir", runs.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, "exit " + p.exitValue() + ": " + out);
        return out.lines().toList();
    }

    private String log() throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return Files.readString(dirs.get(0).resolve("runbook.log"));
        }
    }
}
